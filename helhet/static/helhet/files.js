// Mine filer: while a file is being made, look again every few seconds and replace the list, so
// "Being made …" becomes a download link without a reload. Without JavaScript the page's
// "Look again" link does the same.
(function () {
  "use strict";
  var SECONDS = 4;
  var FIRST = 2; // a small file is often ready by then
  var tries = 0;
  function look() {
    var list = document.getElementById("prepared-files");
    if (!list || !list.dataset.refresh || tries > 150) {
      return;
    }
    tries += 1;
    fetch(list.dataset.refresh, { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.text() : ""; })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("prepared-files");
        if (fresh) {
          list.replaceWith(fresh);
          if (!fresh.dataset.refresh) {
            var again = document.getElementById("files-refresh");
            if (again) { again.remove(); }
          }
        }
        window.setTimeout(look, SECONDS * 1000);
      })
      .catch(function () { window.setTimeout(look, SECONDS * 1000); });
  }
  window.setTimeout(look, FIRST * 1000);
}());
