/* Instant search for the header box: results from /api/search while typing.
   An ARIA combobox: focus stays in the box, arrow keys move through the listbox,
   Enter opens the chosen result, Escape closes the list. Without JavaScript the
   form simply submits to /search. */
(function () {
  "use strict";

  var DELAY_MS = 200;
  var MIN_CHARS = 2;
  var input = document.getElementById("search-q");
  var form = input && input.form;
  if (!form || !window.fetch || !window.DOMParser) return;

  var searchUrl = form.getAttribute("action") || "/search";
  var apiUrl = searchUrl.replace(/\/search\/?$/, "/api/search");
  var listId = "search-q-listbox";
  var list = element("ul", "instant-search");
  var status = element("p", "instant-search__status");
  var timer = null;
  var pending = null;
  var options = [];
  var active = -1;
  var shownFor = null;

  list.id = listId;
  list.hidden = true;
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", "Kết quả tìm nhanh");
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  form.classList.add("site-search--instant");
  form.appendChild(list);
  form.appendChild(status);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", listId);

  input.addEventListener("input", function () {
    deselect();  // Enter before the new results arrive submits what was typed
    clearTimeout(timer);
    timer = setTimeout(update, DELAY_MS);
  });
  input.addEventListener("keydown", onKey);
  input.addEventListener("blur", close);
  input.addEventListener("focus", function () {
    if (options.length && shownFor === input.value.trim()) open();
  });
  // Keep focus in the box while a result is clicked; the link then navigates.
  list.addEventListener("mousedown", function (event) { event.preventDefault(); });
  form.addEventListener("submit", close);

  function update() {
    var query = input.value.trim();
    if (query.length < MIN_CHARS) {
      if (pending) pending.abort();
      clear();
      return;
    }
    if (query === shownFor) return;
    if (pending) pending.abort();
    pending = new AbortController();
    fetch(apiUrl + "?q=" + encodeURIComponent(query), {
      signal: pending.signal,
      headers: { Accept: "application/json" }
    })
      .then(function (response) { return response.json(); })
      .then(function (data) { if (input.value.trim() === query) render(data, query); })
      .catch(function (error) { if (error.name !== "AbortError") clear(); });
  }

  function render(data, query) {
    clear();
    shownFor = query;
    (data.results || []).forEach(function (item) {
      var meta = [item.category, displayDate(item.date)].filter(Boolean).join(" · ");
      var link = element("a", "instant-search__link");
      link.href = item.url;
      link.appendChild(element("span", "instant-search__title", item.title));
      if (meta) link.appendChild(element("span", "instant-search__meta", meta));
      link.appendChild(snippet(item.snippet || ""));
      addOption(link, "instant-search__option");
    });
    if (data.suggestion) {
      addOption(searchLink("Có phải bạn muốn tìm: " + data.suggestion, data.suggestion),
                "instant-search__option instant-search__option--suggestion");
    }
    addOption(searchLink(data.total > options.length
      ? "Xem tất cả " + data.total + " kết quả cho “" + query + "”"
      : "Tìm kiếm nâng cao cho “" + query + "”", query),
      "instant-search__option instant-search__option--more");
    status.textContent = data.total
      ? data.total + " kết quả. Dùng phím mũi tên để chọn, Enter để mở."
      : (data.message || "Không tìm thấy kết quả nào.");
    open();
  }

  function addOption(link, className) {
    var option = element("li", className);
    option.id = listId + "-" + options.length;
    option.setAttribute("role", "option");
    option.setAttribute("aria-selected", "false");
    link.tabIndex = -1;
    option.appendChild(link);
    list.appendChild(option);
    options.push(option);
  }

  function searchLink(text, query) {
    var link = element("a", "instant-search__link", text);
    link.href = searchUrl + "?q=" + encodeURIComponent(query);
    return link;
  }

  // The snippet is server-escaped HTML with <mark>; rebuild it from text and marks only,
  // cut to SNIPPET_CHARS around the first mark so several suggestions fit on a phone.
  var SNIPPET_CHARS = 110;
  function snippet(html) {
    var target = element("span", "instant-search__snippet");
    var body = new DOMParser().parseFromString(html, "text/html").body;
    var parts = [], length = 0, firstMark = -1;
    body.childNodes.forEach(function (node) {
      var text = node.textContent.replace(/\s+/g, " ");
      if (node.nodeName === "MARK" && firstMark < 0) firstMark = length;
      parts.push({ text: text, mark: node.nodeName === "MARK", at: length });
      length += text.length;
    });
    var whole = parts.map(function (p) { return p.text; }).join("");
    var start = Math.max(0, Math.min(firstMark - 30, length - SNIPPET_CHARS));
    if (start > 0) {  // begin at a word
      var space = whole.indexOf(" ", start);
      if (space >= 0 && space < (firstMark < 0 ? length : firstMark)) start = space + 1;
    }
    var end = Math.min(length, start + SNIPPET_CHARS);
    if (end < length) {  // and end at one
      var last = whole.lastIndexOf(" ", end);
      if (last > start + SNIPPET_CHARS / 2) end = last;
    }
    if (start > 0) target.appendChild(document.createTextNode("…"));
    parts.forEach(function (part) {
      var from = Math.max(start, part.at), to = Math.min(end, part.at + part.text.length);
      if (from >= to) return;
      var text = part.text.slice(from - part.at, to - part.at);
      target.appendChild(part.mark ? element("mark", "", text) : document.createTextNode(text));
    });
    if (end < length) target.appendChild(document.createTextNode("…"));
    return target;
  }

  function onKey(event) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!options.length) return;
      event.preventDefault();
      if (list.hidden) open();
      var next = active + (event.key === "ArrowDown" ? 1 : -1);
      if (next < 0) next = options.length - 1;
      if (next >= options.length) next = 0;
      select(next);
    } else if (event.key === "Enter" && active >= 0 && !list.hidden) {
      event.preventDefault();
      window.location.href = options[active].firstChild.href;
    } else if (event.key === "Escape" && !list.hidden) {
      event.preventDefault();
      close();
    }
  }

  function select(index) {
    deselect();
    active = index;
    options[index].setAttribute("aria-selected", "true");
    input.setAttribute("aria-activedescendant", options[index].id);
    options[index].scrollIntoView({ block: "nearest" });
  }

  function open() {
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
  }

  function deselect() {
    input.removeAttribute("aria-activedescendant");
    if (active >= 0) options[active].setAttribute("aria-selected", "false");
    active = -1;
  }

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    deselect();
  }

  function clear() {
    close();
    list.textContent = "";
    options = [];
    shownFor = null;
    status.textContent = "";
  }

  function displayDate(iso) {
    // "2022-04-19T16:27:00+07:00" is already portal time: show 19/04/2022.
    return iso ? iso.slice(8, 10) + "/" + iso.slice(5, 7) + "/" + iso.slice(0, 4) : "";
  }

  function element(name, className, text) {
    var node = document.createElement(name);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }
})();
