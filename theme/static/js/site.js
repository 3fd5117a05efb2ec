/* Today's date in the header; reader tools: font size (remembered), print, share link.
   No inline script needed (CSP). */
(function () {
  "use strict";
  var KEY = "vn-font-step";
  var MIN = -1, MAX = 3; // 87.5% .. 137.5% in 12.5% steps
  var root = document.documentElement;

  function read() {
    try {
      var v = parseInt(window.localStorage.getItem(KEY), 10);
      return isNaN(v) ? 0 : Math.max(MIN, Math.min(MAX, v));
    } catch (e) { return 0; }
  }

  function apply(step) {
    root.setAttribute("data-font-size", String(step));
    var buttons = document.querySelectorAll("[data-font-step]");
    for (var i = 0; i < buttons.length; i++) {
      var b = buttons[i], d = parseInt(b.getAttribute("data-font-step"), 10);
      b.disabled = (d < 0 && step <= MIN) || (d > 0 && step >= MAX);
      if (d === 0) b.setAttribute("aria-pressed", step === 0 ? "true" : "false");
    }
  }

  function save(step) {
    try { window.localStorage.setItem(KEY, String(step)); } catch (e) { /* private mode */ }
  }

  // Today in Vietnam (GMT+7) by the reader's clock, "Thứ Năm, 3/12/2026". A static page
  // cannot carry it; without JavaScript the line stays hidden.
  var WEEKDAYS = ["Chủ Nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"];
  var today = document.querySelector("[data-today]");
  if (today) {
    var local = new Date(Date.now() + 7 * 3600 * 1000); // read in UTC: Vietnam has no DST
    today.textContent = WEEKDAYS[local.getUTCDay()] + ", " + local.getUTCDate() + "/" +
      (local.getUTCMonth() + 1) + "/" + local.getUTCFullYear();
    today.hidden = false;
  }

  var step = read();
  apply(step);

  var groups = document.querySelectorAll("[data-font-tools]");
  for (var g = 0; g < groups.length; g++) {
    groups[g].hidden = false;
    groups[g].addEventListener("click", function (ev) {
      var b = ev.target.closest("button[data-font-step]");
      if (!b) return;
      var d = parseInt(b.getAttribute("data-font-step"), 10);
      step = d === 0 ? 0 : Math.max(MIN, Math.min(MAX, step + d));
      apply(step);
      save(step);
    });
  }

  var printers = document.querySelectorAll("[data-print]");
  for (var p = 0; p < printers.length; p++) {
    if (typeof window.print !== "function") break;
    printers[p].hidden = false;
    printers[p].addEventListener("click", function () { window.print(); });
  }

  // Send to a friend: use the full address of the page in the mail body.
  var mails = document.querySelectorAll("a[data-share-mail]");
  for (var m = 0; m < mails.length; m++) {
    var href = mails[m].getAttribute("href");
    var url = window.location.href.split("#")[0];
    mails[m].setAttribute("href", href.replace(/([?&]body=)[^&]*/, "$1" + encodeURIComponent(url)));
  }
})();
