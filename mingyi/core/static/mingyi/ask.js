// Progressive enhancement of the ask form: while the asker types, ask the triage API
// and show the 120 banner at once. Without JavaScript the same check runs on submit.
(function () {
  "use strict";
  var form = document.getElementById("ask-form");
  var banner = document.getElementById("triage-banner");
  if (!form || !banner || !window.fetch) { return; }
  var text = form.querySelector("textarea[name=text]");
  var title = form.querySelector("input[name=title]");
  var timer = null;
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;

  function show(result) {
    banner.textContent = "";
    if (result.level === "routine") { banner.hidden = true; return; }
    var heading = document.createElement("h2");
    heading.textContent = result.level === "emergency" ? "请立即拨打120" : "建议今天内就医";
    var advice = document.createElement("p");
    advice.className = "advice";
    advice.textContent = result.advice;
    banner.appendChild(heading);
    banner.appendChild(advice);
    if (result.hotlines.indexOf("12356") !== -1) {
      var line = document.createElement("p");
      line.className = "hotline";
      line.textContent = "心理援助热线:12356";
      banner.appendChild(line);
    }
    banner.className = "triage triage-" + result.level;
    banner.hidden = false;
  }

  function check() {
    var value = ((title && title.value) || "") + "\n" + text.value;
    if (!value.trim()) { banner.hidden = true; return; }
    fetch(form.getAttribute("data-triage-url"), {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify({ text: value.slice(0, 5000) }),
      credentials: "same-origin"
    }).then(function (r) { return r.ok ? r.json() : null; })
      .then(function (result) { if (result) { show(result); } })
      .catch(function () {});
  }

  function schedule() { clearTimeout(timer); timer = setTimeout(check, 250); }
  text.addEventListener("input", schedule);
  if (title) { title.addEventListener("input", schedule); }
})();
