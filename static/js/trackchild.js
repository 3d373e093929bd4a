// Progressive enhancement only: every form works without this file.
document.documentElement.classList.add("js");
document.addEventListener("change", (event) => {
  if (event.target.matches("select[data-autosubmit]")) {
    event.target.form.submit();
  }
});

document.addEventListener("click", (event) => {
  if (event.target.matches("[data-print]")) {
    window.print();
  }
});

// A district list shows only the districts of the State/UT chosen beside it.
function showDistrictsOf(stateSelect) {
  const districtSelect = document.querySelector(`select[data-state-field="${stateSelect.id}"]`);
  if (!districtSelect) {
    return;
  }
  const stateName = stateSelect.value ? stateSelect.selectedOptions[0].text : "";
  for (const group of districtSelect.querySelectorAll("optgroup")) {
    const shown = !stateName || group.label === stateName;
    group.hidden = !shown;
    group.disabled = !shown;
  }
  const chosen = districtSelect.selectedOptions[0];
  if (chosen && chosen.parentElement.disabled) {
    districtSelect.value = "";
  }
}
document.addEventListener("change", (event) => {
  if (event.target.matches("select")) {
    showDistrictsOf(event.target);
  }
});
document.addEventListener("DOMContentLoaded", () => {
  for (const stateSelect of document.querySelectorAll("select")) {
    showDistrictsOf(stateSelect);
  }
});
