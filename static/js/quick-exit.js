/* Quick exit (the GOV.UK "Exit this page" pattern): the button, or Shift pressed three times,
   hides this page at once and replaces it with a neutral site. location.replace leaves this page
   out of the tab's history, so Back does not return to it. Without JavaScript the button is a
   plain link to the same site. */
(function () {
  "use strict";

  var SHIFT_PRESSES = 3;
  var WITHIN_MS = 5000;

  var button = document.querySelector("[data-quick-exit]");
  if (!button) {
    return;
  }
  var status = document.querySelector("[data-quick-exit-status]");
  var presses = 0;
  var timer = null;

  function exitPage(event) {
    if (event) {
      event.preventDefault();
    }
    document.documentElement.classList.add("quick-exit-active");
    document.title = "Loading";
    window.location.replace(button.href);
  }

  function reset() {
    presses = 0;
    if (timer) {
      window.clearTimeout(timer);
      timer = null;
    }
    if (status) {
      status.textContent = "";
    }
  }

  button.addEventListener("click", exitPage);

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift") {
      reset();  // Shift held for capitals while typing is not a signal
      return;
    }
    if (event.repeat) {
      return;
    }
    presses += 1;
    if (presses >= SHIFT_PRESSES) {
      reset();
      exitPage();
      return;
    }
    if (status) {
      status.textContent = "Shift pressed " + presses + (presses === 1 ? " time" : " times") +
        ": press it " + (SHIFT_PRESSES - presses) + " more to leave this page.";
    }
    if (!timer) {
      timer = window.setTimeout(reset, WITHIN_MS);
    }
  });

  // A page restored from the back/forward cache must not stay hidden.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      document.documentElement.classList.remove("quick-exit-active");
      reset();
    }
  });
})();
