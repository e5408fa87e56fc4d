/* Helpdesk: help articles suggested while a request's subject is typed.
 * Progressive enhancement only: without JavaScript the request form's first step shows the same
 * suggestions. The fragment comes from our own server (/helpdesk/kb/suggest/), already escaped. */
(function () {
  "use strict";

  function debounce(fn, wait) {
    var timer = null;
    return function () {
      var args = arguments;
      clearTimeout(timer);
      timer = setTimeout(function () { fn.apply(null, args); }, wait);
    };
  }

  function replaceSuggestions(target, html) {
    var parsed = new DOMParser().parseFromString(html, "text/html");
    var fresh = parsed.getElementById("kb-suggestions");
    target.replaceChildren();
    if (fresh) {
      target.appendChild(document.importNode(fresh, true));
    }
  }

  function enhance(form) {
    var url = form.getAttribute("data-kb-suggest");
    var subject = form.querySelector("input[name='subject']");
    if (!url || !subject) {
      return;
    }
    var target = document.querySelector("[data-kb-suggest-target]") || document.getElementById("kb-suggestions-live");
    if (!target) {
      return;
    }
    var last = subject.value.trim();
    var controller = null;
    var update = debounce(function () {
      var words = subject.value.trim();
      if (words === last || words.length < 3) {
        return;
      }
      last = words;
      if (controller) {
        controller.abort();
      }
      controller = new AbortController();
      fetch(url + "?subject=" + encodeURIComponent(words), {
        credentials: "same-origin",
        headers: { "X-Requested-With": "fetch" },
        signal: controller.signal
      })
        .then(function (response) { return response.ok ? response.text() : ""; })
        .then(function (html) { if (html) { replaceSuggestions(target, html); } })
        .catch(function () { /* offline or aborted: the form still works */ });
    }, 400);
    subject.addEventListener("input", update);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-kb-suggest]").forEach(enhance);
  });
})();
