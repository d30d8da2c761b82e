/* "＋ 添加条件": one more blank condition line in a row of the decision table (no save needed). */
document.addEventListener("click", function (event) {
  const button = event.target.closest(".add-condition");
  if (!button) return;
  event.preventDefault();
  const list = button.parentElement.querySelector(".condition-editor");
  const last = list.lastElementChild;
  const copy = last.cloneNode(true);
  const index = list.children.length;
  copy.querySelectorAll("select, input").forEach(function (field) {
    field.name = field.name.replace(/-\d+-(fact|operator|value)$/, "-" + index + "-$1");
    field.id = field.id.replace(/-\d+-(fact|operator|value)$/, "-" + index + "-$1");
    if (field.tagName === "INPUT") field.value = "";
    else field.selectedIndex = field.name.endsWith("-operator") ? 0 : 0;
  });
  list.appendChild(copy);
  copy.querySelector("select").focus();
});
