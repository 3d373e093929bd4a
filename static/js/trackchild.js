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

// A district list offers only the districts of the State/UT chosen beside it: when the State/UT
// changes, they are fetched (apps/directory/views.py, state_districts). Without this script the
// form shows them once sent ("Show districts").
async function showDistrictsOf(stateSelect) {
  const districtSelect = document.querySelector(`select[data-state-field="${stateSelect.id}"]`);
  if (!districtSelect) {
    return;
  }
  const lgdCode = stateSelect.selectedOptions[0]?.dataset.lgdCode;
  let districts = [];
  if (lgdCode) {
    const url = districtSelect.dataset.districtsUrl.replace("/0/", `/${lgdCode}/`);
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    if (!response.ok) {
      return; // the list as drawn stays, and the form still checks the district
    }
    districts = (await response.json()).districts;
  }
  const chosen = districtSelect.value;
  const blank = districtSelect.querySelector("option[value='']");
  districtSelect.replaceChildren(...(blank ? [blank] : []));
  for (const district of districts) {
    districtSelect.add(new Option(district.name, district.id));
  }
  districtSelect.value = districts.some((district) => String(district.id) === chosen) ? chosen : "";
}
document.addEventListener("change", (event) => {
  if (event.target.matches("select") && event.target.id) {
    showDistrictsOf(event.target);
  }
});
