// Keyboard shortcuts for the review queue: c confirm, r reject, s skip, n focus the note.
// Plain JavaScript, served from /static (the console's CSP allows no inline script).
"use strict";
document.addEventListener("keydown", function (event) {
  if (document.body.dataset.page !== "review") return;
  var target = event.target;
  if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT")) return;
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  var buttons = { c: "confirm", r: "reject", s: "skip" };
  if (event.key === "n") {
    var note = document.querySelector("#decide-form input[name=note]");
    if (note) { event.preventDefault(); note.focus(); }
    return;
  }
  var id = buttons[event.key];
  if (!id) return;
  var button = document.getElementById(id);
  if (button) { event.preventDefault(); button.click(); }
});

