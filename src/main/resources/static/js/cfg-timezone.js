// CFG: the display time zone (ui.timezone) offers the common zones first, then every zone this browser knows; any IANA
// id may be typed, and the server refuses one it does not know (the error shows next to the field).
(function () {
  "use strict";
  const COMMON = ["UTC", "Europe/London", "Europe/Berlin", "Europe/Zurich", "Europe/Moscow", "America/New_York", "America/Chicago",
    "America/Los_Angeles", "America/Sao_Paulo", "Asia/Dubai", "Asia/Kolkata", "Asia/Singapore", "Asia/Hong_Kong", "Asia/Shanghai",
    "Asia/Seoul", "Asia/Tokyo", "Australia/Sydney"];
  document.addEventListener("DOMContentLoaded", () => {
    const input = document.querySelector("[name='ui.timezone']");
    if (!input) return;
    const all = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
    const list = document.createElement("datalist");
    list.id = "cfg-timezones";
    Array.from(new Set(COMMON.concat(all))).forEach(zone => {
      const option = document.createElement("option");
      option.value = zone;
      list.append(option);
    });
    input.after(list);
    input.setAttribute("list", list.id);
    input.setAttribute("autocomplete", "off");
    input.setAttribute("spellcheck", "false");
  });
})();
