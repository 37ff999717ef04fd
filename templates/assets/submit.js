// Reads the link as the member pastes it: asks the club what the page says, fills the fields the
// member left empty, shows the thumbnail (from the club's own address), and says at once when
// the topic has the link already. The form works without this script. What it says comes from
// the form's data-say-* attributes, in the page's language.
(function () {
  "use strict";
  var form = document.getElementById("submit-form");
  var input = document.getElementById("url");
  var out = document.getElementById("url-check");
  var thumb = document.getElementById("url-thumbnail");
  if (!form || !input || !out || !window.fetch) { return; }
  var endpoint = form.getAttribute("data-preview-url");
  var topic = form.getAttribute("data-topic");
  var timer = null;
  var latest = 0;
  var filledByUs = {};
  function words(name) { return form.getAttribute("data-say-" + name) || ""; }

  function fill(id, value) {
    var field = document.getElementById(id);
    if (!field || !value) { return; }
    // Only what is empty, or what we filled ourselves for an earlier link.
    if (field.value.trim() === "" || filledByUs[id] === field.value) {
      field.value = value;
      filledByUs[id] = field.value;
    }
  }

  function chooseKind(kind) {
    var select = document.getElementById("kind");
    if (!select || !kind || (select.value !== "" && filledByUs.kind !== select.value)) { return; }
    for (var i = 0; i < select.options.length; i += 1) {
      if (select.options[i].value === kind) {
        select.value = kind;
        filledByUs.kind = kind;
      }
    }
  }

  function say(text, link) {
    out.textContent = text;
    if (link) {
      var a = document.createElement("a");
      a.href = link;
      a.textContent = " " + words("earlier");
      out.appendChild(a);
    }
  }

  function show(body) {
    if (body.duplicate_of) {
      say(words("duplicate"), body.duplicate_url);
      return;
    }
    var summary = body.description ? body.description.slice(0, 500) : "";
    fill("title", body.title ? body.title.slice(0, 200) : "");
    fill("summary", summary);
    chooseKind(body.kind);
    if (thumb) {
      thumb.textContent = "";
      thumb.hidden = !body.thumbnail_url;
      if (body.thumbnail_url) {
        var img = document.createElement("img");
        img.className = "thumb";
        img.alt = "";
        img.src = body.thumbnail_url;
        thumb.appendChild(img);
      }
    }
    if (body.fetched) {
      say(body.site_name ? words("filled-site").replace("{site}", body.site_name) : words("filled"));
    } else {
      say(words("unread"));
    }
  }

  function check() {
    var value = input.value.trim();
    if (!/^https?:\/\/\S+\.\S+/i.test(value)) { out.textContent = ""; return; }
    var ticket = ++latest;
    say(words("reading"));
    var query = "?url=" + encodeURIComponent(value) + "&topic=" + encodeURIComponent(topic || "");
    fetch(endpoint + query, { headers: { "Accept": "application/json" } })
      .then(function (res) { return res.ok ? res.json() : null; })
      .then(function (body) {
        if (ticket !== latest) { return; }
        if (!body) { out.textContent = ""; return; }
        show(body);
      })
      .catch(function () { if (ticket === latest) { out.textContent = ""; } });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(check, 400);
  });
  input.addEventListener("change", check);
})();
