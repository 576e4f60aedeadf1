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

  // Article page: accept, reject, attach and restore without reloading the page (and losing the
  // place). The form posts as it would without JavaScript, asking for JSON; the row is updated in
  // place. Any failure falls back to the plain form submission, which shows the server's page.
  var triageStatus = document.getElementById("triage-status");
  var pendingCount = document.getElementById("pending-count");
  var STATE_LABELS = { accepted: "accepted", rejected: "rejected", merged: "added to", pending: "pending" };
  function settleRow(row, outcome) {
    var stateCell = row.querySelector(".candidate-state");
    var actions = row.querySelector(".candidate-actions");
    stateCell.textContent = STATE_LABELS[outcome.state] || outcome.state;
    if (outcome.claim_id) {
      stateCell.appendChild(document.createTextNode(" · "));
      var link = document.createElement("a");
      link.href = "/claims/" + outcome.claim_id;
      link.textContent = "claim #" + outcome.claim_id;
      stateCell.appendChild(link);
    }
    // The row's forms are spent; a reload shows the forms its new state offers.
    actions.textContent = "";
    row.setAttribute("data-settled", outcome.state);
    var mark = document.getElementById("mark-" + outcome.candidate);
    if (mark) mark.className = "candidate " + outcome.state;
    if (pendingCount) {
      var pending = parseInt(pendingCount.getAttribute("data-pending"), 10) || 0;
      pending += outcome.state === "pending" ? 1 : -1;
      pending = Math.max(pending, 0);
      pendingCount.setAttribute("data-pending", String(pending));
      pendingCount.textContent = pending + " pending";
    }
    if (triageStatus) {
      var surface = row.querySelector("td a");
      triageStatus.textContent = (surface ? surface.textContent + ": " : "") + stateCell.textContent +
        (outcome.repeated ? " (the team already had this claim: this article is another appearance of it)" : "");
    }
  }
  Array.prototype.forEach.call(document.querySelectorAll("table.candidates form"), function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.fetch || !window.URLSearchParams) return;
      event.preventDefault();
      var row = form.closest("tr");
      var buttons = row.querySelectorAll("button");
      Array.prototype.forEach.call(buttons, function (b) { b.disabled = true; });
      fetch(form.action, {
        method: "POST",
        body: new URLSearchParams(new FormData(form)),
        headers: { Accept: "application/json" },
        credentials: "same-origin"
      }).then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      }).then(function (outcome) {
        settleRow(row, outcome);
        var next = row.nextElementSibling;
        while (next && next.hasAttribute("data-settled")) next = next.nextElementSibling;
        var button = next && next.querySelector("form.triage button");
        if (button) button.focus();
      }).catch(function () {
        // Let the server answer the ordinary way: its error page names the problem.
        form.submit();
      });
    });
  });

  // Keyboard shortcuts (listed in the #shortcuts dialog of the layout). Each one only saves a step:
  // the same link, field or form is there without JavaScript. None fires while typing in a field.
  var dialog = document.getElementById("shortcuts");
  var opener = document.getElementById("shortcuts-open");
  function showHelp() {
    if (!dialog) return;
    if (typeof dialog.showModal === "function") {
      if (!dialog.open) dialog.showModal();
    } else {
      dialog.setAttribute("open", "");
    }
  }
  if (opener && dialog) {
    opener.hidden = false;
    opener.addEventListener("click", showHelp);
  }

  function typing(target) {
    if (!target || !target.tagName) return false;
    var tag = target.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || target.isContentEditable;
  }

  function focusField(field) {
    if (!field) return false;
    field.scrollIntoView({ block: "center" });
    field.focus();
    return true;
  }

  // The queue: j/k move between rows, Enter opens, a assigns to me, x selects, / searches.
  var rows = Array.prototype.slice.call(document.querySelectorAll("table.queue tbody tr[data-claim]"));
  rows.forEach(function (row) { row.tabIndex = -1; });
  function currentRow() {
    var active = document.activeElement;
    var row = active && active.closest ? active.closest("tr[data-claim]") : null;
    return rows.indexOf(row);
  }
  function moveRow(step) {
    if (rows.length === 0) return false;
    var index = currentRow();
    var next = index < 0 ? (step > 0 ? 0 : rows.length - 1) : index + step;
    if (next < 0 || next >= rows.length) return true;
    rows[next].focus();
    rows[next].scrollIntoView({ block: "nearest" });
    return true;
  }
  function queueKey(key) {
    var index = currentRow();
    var row = index >= 0 ? rows[index] : null;
    switch (key) {
      case "j": return moveRow(1);
      case "k": return moveRow(-1);
      case "/": return focusField(document.getElementById("q"));
      case "Enter":
        if (!row || document.activeElement !== row) return false;
        var link = row.querySelector("a[href^='/claims/']");
        if (link) window.location.href = link.getAttribute("href");
        return true;
      case "x":
        if (!row) return false;
        var box = row.querySelector("input[type='checkbox']");
        if (box) box.checked = !box.checked;
        return true;
      case "a":
        // A POST like the claim page's "Assign to me", with the version this row was rendered at:
        // if someone changed the claim meanwhile, the server answers with its 409 page.
        var form = document.getElementById("assign-one");
        if (!row || !form) return false;
        form.setAttribute("action", "/claims/" + row.getAttribute("data-claim") + "/assign");
        form.querySelector("input[name='version']").value = row.getAttribute("data-version");
        form.submit();
        return true;
    }
    return false;
  }

  // The claim page: v verdict, c citation, e edit, n/p the neighbouring claims.
  var claimNav = document.getElementById("claim-nav");
  function follow(rel) {
    var link = claimNav.querySelector("a[rel='" + rel + "']");
    if (link) window.location.href = link.getAttribute("href");
    return true;
  }
  function claimKey(key) {
    switch (key) {
      case "v":
        return focusField(document.querySelector("#propose select, #second-review select"));
      case "c":
        return focusField(document.getElementById("citation-url"));
      case "e":
        var details = document.getElementById("edit-details");
        if (!details) return false;
        details.open = true;
        return focusField(document.getElementById("statement"));
      case "n": return follow("next");
      case "p": return follow("prev");
    }
    return false;
  }

  // The queue's filters fold on small screens, so the first claim is not a screen away (the
  // summary says how many are on); without JavaScript they stay open.
  var moreFilters = document.getElementById("more-filters");
  if (moreFilters && window.matchMedia && window.matchMedia("(max-width: 40em)").matches) {
    moreFilters.open = false;
  }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (typing(event.target)) return;
    if (dialog && dialog.open) return;
    var key = event.key;
    var handled = false;
    if (key === "?") {
      showHelp();
      handled = true;
    } else if (rows.length > 0) {
      handled = queueKey(key);
    } else if (claimNav) {
      handled = claimKey(key);
    }
    if (handled) event.preventDefault();
  });
})();
