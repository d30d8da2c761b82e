// Impact report: poll the run's progress and update the bar; reload the page once the run has finished.
// Without JavaScript the page refreshes itself (<noscript> meta refresh).
(function () {
  "use strict";
  var box = document.getElementById("impact-progress-box");
  if (!box) { return; }
  var url = box.getAttribute("data-progress-url");
  var bar = document.getElementById("impact-progress");
  var text = document.getElementById("impact-progress-text");
  var delay = 1000;

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      })
      .then(function (p) {
        bar.value = p.percent;
        bar.textContent = p.percent + "%";
        text.textContent = p.state_label + "：" + p.processed + " / " + p.total;
        if (p.finished) { window.location.reload(); return; }
        delay = 1000;
        window.setTimeout(poll, delay);
      })
      .catch(function () {
        delay = Math.min(delay * 2, 15000);  // the server is busy or away: try again, less often
        window.setTimeout(poll, delay);
      });
  }
  window.setTimeout(poll, delay);
})();
