// ClaimDesk progressive enhancement. Everything works without this file; it only saves steps.
// Loaded from /static (the CSP allows scripts from 'self' only; no inline script anywhere).
(function () {
  "use strict";

  // Article page: selecting text in the article fills the "add a claim from a passage" form.
  var body = document.querySelector(".body-text");
  var quote = document.getElementById("quote");
  if (body && quote) {
    document.addEventListener("mouseup", function () {
      var selection = window.getSelection();
      if (!selection || selection.isCollapsed) return;
      if (!body.contains(selection.anchorNode) || !body.contains(selection.focusNode)) return;
      var text = selection.toString().trim();
      if (text.length > 0 && text.length <= 2000) {
        quote.value = text;
        quote.setAttribute("data-from-selection", "true");
      }
    });
  }
})();
