// Progressive enhancement: with the citizen's permission, fill in where the phone is.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-locate]");
  if (!button || !navigator.geolocation) {
    return;
  }
  const status = document.getElementById(button.dataset.locate);
  navigator.geolocation.getCurrentPosition(
    (position) => {
      document.getElementById("id_latitude").value = position.coords.latitude.toFixed(5);
      document.getElementById("id_longitude").value = position.coords.longitude.toFixed(5);
      status.textContent = status.dataset.done;
    },
    () => {
      status.textContent = status.dataset.failed;
    },
  );
});
