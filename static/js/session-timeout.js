// Idle-timeout warning (templates/partials/_session_timeout.html). The server ends idle
// sessions on its own; this only warns before it happens and lets the person stay. Timing
// comes from data attributes, because the CSP forbids inline script.
(function () {
  "use strict";

  var dialog = document.getElementById("session-timeout");
  if (!dialog || typeof dialog.showModal !== "function" || !window.fetch) {
    return;
  }
  var form = dialog.querySelector("form[data-session-keepalive]");
  var warningMs = Number(dialog.dataset.warningSeconds) * 1000;
  var idleMs = Number(dialog.dataset.idleSeconds) * 1000;
  // The server records activity at most once a minute, so after other requests we assume
  // the session was last extended up to a minute ago.
  var touchGranularityMs = 60 * 1000;
  var warnTimer = null;
  var endTimer = null;

  function expire() {
    window.location.assign(dialog.dataset.timeoutUrl);
  }

  function warn() {
    if (!dialog.open) {
      dialog.showModal();
    }
    form.querySelector("button").focus();
  }

  function schedule(expiresInMs) {
    window.clearTimeout(warnTimer);
    window.clearTimeout(endTimer);
    warnTimer = window.setTimeout(warn, Math.max(expiresInMs - warningMs, 0));
    endTimer = window.setTimeout(expire, Math.max(expiresInMs, 0));
  }

  function stayLoggedIn() {
    window
      .fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
      .then(function (response) {
        if (!response.ok) {
          expire();
          return null;
        }
        return response.json();
      })
      .then(function (data) {
        if (data) {
          dialog.close();
          schedule(Number(data.expires_in) * 1000);
        }
      })
      .catch(function () {
        // Offline for a moment: leave the dialog open so the person can try again.
      });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    stayLoggedIn();
  });
  // Escape is an action by the person too: treat it as "stay logged in".
  dialog.addEventListener("cancel", function (event) {
    event.preventDefault();
    stayLoggedIn();
  });
  document.addEventListener("htmx:afterRequest", function () {
    schedule(idleMs - touchGranularityMs);
  });

  schedule(Number(dialog.dataset.expiresIn) * 1000);
})();
