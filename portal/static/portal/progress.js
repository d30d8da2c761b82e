// Live status while licenses are fetched and verified: polls the case's status (JSON) and redraws the list;
// once the system is done, the "continue" link shows. Without JavaScript, a <noscript> meta refresh reloads.
(function () {
  "use strict";
  var box = document.getElementById("progress");
  if (!box) return;
  var url = box.getAttribute("data-status-url");
  var list = document.getElementById("license-status");
  var next = document.getElementById("next");
  var tries = 0;

  function tagClass(state) {
    if (state === "verified") return "auto";
    if (state === "fallback") return "paper";
    return "upload";
  }

  function draw(data) {
    document.getElementById("state-label").textContent = data.state_label;
    document.getElementById("activity-text").textContent = data.activity;
    while (list.firstChild) list.removeChild(list.firstChild);
    data.licenses.forEach(function (l) {
      if (l.fetch_state === "not_needed") return;
      var li = document.createElement("li");
      li.className = "license " + l.fetch_state;
      var name = document.createElement("strong");
      name.textContent = l.name;
      var tag = document.createElement("span");
      tag.className = "tag " + tagClass(l.fetch_state);
      tag.textContent = l.fetch_state_label;
      li.appendChild(name);
      li.appendChild(document.createTextNode(" "));
      li.appendChild(tag);
      if (l.fetch_state === "fallback" && l.fallback_reason) {
        var why = document.createElement("span");
        why.className = "reason";
        why.textContent = (box.getAttribute("data-reason-label") || "原因：") + l.fallback_reason;
        li.appendChild(document.createElement("br"));
        li.appendChild(why);
      }
      list.appendChild(li);
    });
    if (data.done) next.hidden = false;
  }

  function poll() {
    tries += 1;
    var request = new XMLHttpRequest();
    request.open("GET", url);
    request.setRequestHeader("Accept", "application/json");
    request.onload = function () {
      if (request.status !== 200) return later();
      var data = JSON.parse(request.responseText);
      draw(data);
      if (!data.done) later();
    };
    request.onerror = later;
    request.send();
  }

  function later() {
    // every 1.5 s for the first minute, then every 5 s
    window.setTimeout(poll, tries < 40 ? 1500 : 5000);
  }

  if (next.hidden) poll();
})();
