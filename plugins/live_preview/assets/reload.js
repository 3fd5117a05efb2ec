/* Live preview, `make devserver` only (never in a publish build): reloads this page as
   soon as the devserver has rebuilt it, keeping the scroll position, and shows the
   content's errors over any page while there are some. */
(function () {
  "use strict";
  if (!window.EventSource || !document.body) {
    return;
  }
  var here = normalise(location.pathname);
  var kind = document.body.getAttribute("data-live-page");  // the devserver's own pages
  var scrollKey = "live-scroll:" + here;
  var overlay = null;

  function normalise(path) {
    try {
      path = decodeURIComponent(path);
    } catch (error) { /* left as it came */ }
    return path.replace(/index\.html$/, "");
  }

  function restoreScroll() {
    var saved = null;
    try {
      saved = sessionStorage.getItem(scrollKey);
      sessionStorage.removeItem(scrollKey);
    } catch (error) { /* storage off: the top of the page */ }
    if (saved === null) {
      return;
    }
    var top = parseInt(saved, 10) || 0;
    window.scrollTo(0, top);
    // Again once photos and fonts are in: they can move the text under the reader.
    window.addEventListener("load", function () {
      window.scrollTo(0, top);
    });
  }

  function reload() {
    try {
      sessionStorage.setItem(scrollKey, String(window.scrollY));
      history.scrollRestoration = "manual";  // ours, not the browser's guess as well
    } catch (error) { /* storage off */ }
    source.close();
    location.reload();
  }

  function mentionsHere(paths) {
    return (paths || []).map(normalise).indexOf(here) >= 0;
  }

  function addStyle() {
    if (document.querySelector("link[data-live-style]")) {
      return;
    }
    var link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = "/__live/live.css";
    link.setAttribute("data-live-style", "");
    document.head.appendChild(link);
  }

  function showErrors(errors) {
    var sources = Object.keys(errors || {});
    if (overlay) {
      overlay.remove();
      overlay = null;
    }
    if (!sources.length || kind) {
      return;
    }
    addStyle();
    overlay = document.createElement("aside");
    overlay.className = "live-overlay";
    overlay.setAttribute("role", "alert");
    var title = document.createElement("h2");
    title.textContent = "Nội dung đang có lỗi (make check cũng báo như vậy)";
    overlay.appendChild(title);
    sources.forEach(function (name) {
      var file = document.createElement("p");
      file.className = "live-overlay__file";
      file.textContent = "content/" + name;
      overlay.appendChild(file);
      errors[name].forEach(function (line) {
        var text = document.createElement("pre");
        text.textContent = line;
        overlay.appendChild(text);
      });
    });
    var close = document.createElement("button");
    close.type = "button";
    close.className = "live-overlay__close";
    close.textContent = "Ẩn";
    close.addEventListener("click", function () {
      overlay.remove();
      overlay = null;
    });
    overlay.appendChild(close);
    document.body.appendChild(overlay);
  }

  function onState(data, built) {
    var failing = mentionsHere(data.failing);
    if (kind === "waiting" && (built || data.build > 0)) {
      return reload();
    }
    if (kind === "missing" && built) {
      return reload();  // the page may exist now, or the errors be gone
    }
    if ((kind === "errors" && !failing) || (!kind && failing)) {
      return reload();
    }
    showErrors(data.errors);
  }

  restoreScroll();
  var source = new EventSource("/__live/events");
  source.addEventListener("hello", function (event) {
    onState(JSON.parse(event.data), false);
  });
  source.addEventListener("early", function (event) {
    if (!kind && mentionsHere(JSON.parse(event.data).paths)) {
      reload();
    }
  });
  source.addEventListener("built", function (event) {
    var data = JSON.parse(event.data);
    var styleOrScript = (data.paths || []).some(function (path) {
      return /\.(css|js)$/.test(path);
    });
    if (!kind && (mentionsHere(data.paths) || styleOrScript)) {
      return reload();
    }
    onState(data, true);
  });
}());
