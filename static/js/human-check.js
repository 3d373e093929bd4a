// The CAPTCHA nobody has to see, hear or type (apps/citizens/proof_of_work.py): find the number
// whose SHA-256, after the portal's salt, is the challenge, and send it with the form. Where
// WebCrypto is missing, or on failure, the picture stays the way through.
(() => {
  if (!window.crypto || !crypto.subtle || !window.TextEncoder) {
    return;
  }
  const encoder = new TextEncoder();
  const BATCH = 256; // hashes in flight at once: few round trips, little memory on a cheap phone

  async function sha256Hex(text) {
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(text)));
    return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
  }

  async function solve(challenge) {
    for (let start = 0; start <= challenge.maxnumber; start += BATCH) {
      const numbers = [];
      for (let number = start; number < start + BATCH && number <= challenge.maxnumber; number++) {
        numbers.push(number);
      }
      const hashes = await Promise.all(numbers.map((number) => sha256Hex(challenge.salt + number)));
      const found = hashes.indexOf(challenge.challenge);
      if (found !== -1) {
        return numbers[found];
      }
    }
    return null;
  }

  function check(box) {
    const challenge = JSON.parse(box.dataset.challenge);
    const status = box.querySelector("[role=status]");
    const proof = box.querySelector("input[name$='_proof']");
    const picture = box.querySelector(".human-check-picture");
    picture.hidden = true;
    status.textContent = box.dataset.solving;
    const solving = solve(challenge)
      .then((number) => {
        if (number === null) {
          throw new Error("no number solves the challenge");
        }
        proof.value = btoa(JSON.stringify({ ...challenge, number }));
        status.textContent = box.dataset.solved;
      })
      .catch(() => {
        picture.hidden = false;
        status.textContent = box.dataset.failed;
      });
    // Sent before the check is done: wait for it rather than send a form that will be refused.
    box.form.addEventListener("submit", (event) => {
      if (proof.value || !picture.hidden) {
        return;
      }
      event.preventDefault();
      status.textContent = box.dataset.waiting;
      solving.then(() => {
        if (proof.value) {
          box.form.submit();
        }
      });
    });
  }

  for (const box of document.querySelectorAll(".human-check")) {
    check(box);
  }
})();
