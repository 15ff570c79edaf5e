// The "Champion vs challenger" card (ENGINE and LAB): mark a prompt version as challenger (PUT /api/settings) and promote
// the challenger (POST /api/evaluation/promote, confirmed; with a login the password typed again). The card is reloaded
// from the page's own path afterwards, and a "tai2:champion" event tells the page (LAB reloads its leaderboard).
(function () {
  "use strict";
  const card = () => document.getElementById("champion-card");

  function say(text, ok) {
    const box = document.getElementById("champion-message");
    if (!box) return;
    box.textContent = text;
    box.className = ok ? "ok" : "bad";
  }

  // Reloads the card from the page's own path, then shows what happened in the new one.
  function reload(message) {
    const c = card();
    if (!c) return Promise.resolve();
    return fetch(c.dataset.src, { headers: { "Accept": "text/html" } }).then(r => r.ok ? r.text() : Promise.reject(r.status)).then(html => {
      const next = document.createRange().createContextualFragment(html).querySelector("#champion-card");
      if (!next) return;
      card().replaceWith(next);
      if (message) say(message, true);
      document.dispatchEvent(new CustomEvent("tai2:champion"));
    }).catch(() => say((message ? message + "; " : "") + "the card could not be reloaded: reload the page", false));
  }

  function mark(event) {
    event.preventDefault();
    const select = document.getElementById("challenger-select");
    const id = select.value || null;
    const name = id ? select.selectedOptions[0].textContent : null;
    tai2.busy(document.getElementById("challenger-mark"), tai2.send("PUT", "/api/settings", { reasoning: { challenger_version: id } })).then(r => {
      if (!r.ok) { say(r.body.detail, false); return; }
      reload(id ? name + " is the challenger" : "no challenger is marked now");
    });
  }

  function promote(button) {
    const password = document.getElementById("promote-password");
    if (password && !password.value) {
      say("type your password again to promote (it changes the live prompt)", false);
      password.focus();
      return;
    }
    const question = "Promote " + button.dataset.name + " to champion?\n\nIt replaces " + button.dataset.championName
      + " as the active prompt version: every live cycle uses it from now on. The challenger mark is cleared, and so is an A/B split of the two.";
    if (!window.confirm(question)) return;
    const body = { version_id: button.dataset.version };
    if (password) { body.password = password.value; password.value = ""; }
    tai2.busy(button, tai2.send("POST", "/api/evaluation/promote", body)).then(r => {
      if (!r.ok) {
        say(r.body.detail, false);
        if (r.body.field === "password" && password) password.focus();
        return;
      }
      reload(button.dataset.name + " is the champion now");
    });
  }

  document.addEventListener("submit", event => { if (event.target.id === "challenger-form") mark(event); });
  document.addEventListener("click", event => {
    const button = event.target.closest && event.target.closest("#promote");
    if (button) promote(button);
  });
})();
