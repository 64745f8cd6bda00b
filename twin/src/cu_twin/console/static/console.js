// TuringCore operator console: the few behaviours htmx does not cover.
// - Copy buttons ([data-copy]) put a resource name on the clipboard and say so.
// - The live toggle ([data-live-toggle]) pauses every polling element ([data-live]).
// - After the contact card is swapped, focus returns to its Reveal/Hide control.
// No request this script makes or allows changes state: htmx only issues GETs here.
(function () {
  "use strict";

  var paused = false;

  function announce(text) {
    var region = document.getElementById("announcer");
    if (!region) return;
    region.textContent = "";
    window.setTimeout(function () { region.textContent = text; }, 50);
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // Plain http on a non-loopback host has no clipboard API: fall back to a selection.
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = document.execCommand("copy");
    document.body.removeChild(area);
    return ok ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target : null;
    var copy = target && target.closest("[data-copy]");
    if (copy) {
      var text = copy.getAttribute("data-copy") || "";
      copyText(text).then(
        function () { copy.setAttribute("data-copied", "true"); announce("Copied " + text); },
        function () { announce("Could not copy; select the name and copy it by hand"); }
      );
      return;
    }
    var toggle = target && target.closest("[data-live-toggle]");
    if (toggle) {
      paused = !paused;
      toggle.setAttribute("aria-pressed", paused ? "true" : "false");
      toggle.textContent = paused ? "Resume updates" : "Pause updates";
      var panel = toggle.closest("section");
      if (panel) panel.classList.toggle("is-paused", paused);
      var status = document.getElementById("live-status");
      if (status) status.textContent = paused ? "Paused" : "Live";
      announce(paused ? "Live updates paused" : "Live updates resumed");
    }
  });

  // htmx: a polling element makes no request while the operator has paused updates.
  document.addEventListener("htmx:beforeRequest", function (event) {
    var elt = event.detail && event.detail.elt;
    if (paused && elt instanceof Element && elt.closest("[data-live]")) {
      event.preventDefault();
    }
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail && event.detail.target;
    if (target instanceof Element && target.id === "contact") {
      var control = document.querySelector("#contact [data-contact-toggle]");
      if (control) control.focus();
    }
  });
})();
