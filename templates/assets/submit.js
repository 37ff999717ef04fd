// Checks the link for duplicates as the member types. The form works without this script.
(function () {
  "use strict";
  var form = document.getElementById("submit-form");
  var input = document.getElementById("url");
  var out = document.getElementById("url-check");
  if (!form || !input || !out || !window.fetch) { return; }
  var endpoint = form.getAttribute("data-check-url");
  var timer = null;
  var latest = 0;
  function check() {
    var value = input.value.trim();
    if (!/^https?:\/\/\S+\.\S+/i.test(value)) { out.textContent = ""; return; }
    var ticket = ++latest;
    fetch(endpoint + "?url=" + encodeURIComponent(value), { headers: { "Accept": "application/json" } })
      .then(function (res) { return res.ok ? res.json() : null; })
      .then(function (body) {
        if (ticket !== latest || !body) { return; }
        if (body.exists) {
          out.textContent = "This link has already been submitted for this topic.";
          if (body.entry) {
            var link = document.createElement("a");
            link.href = body.entry;
            link.textContent = " See the earlier entry.";
            out.appendChild(link);
          }
        } else {
          out.textContent = "Not submitted yet — good.";
        }
      })
      .catch(function () { out.textContent = ""; });
  }
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(check, 400);
  });
  input.addEventListener("change", check);
})();
