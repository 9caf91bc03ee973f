// Share controls (overrides/partials/share.html): reveal "copy link" and the
// native share sheet only where the browser offers them.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll(".faq-share").forEach(function (controls) {
    var status = controls.querySelector(".faq-share__status");
    var copy = controls.querySelector(".faq-share__copy");
    var native = controls.querySelector(".faq-share__native");
    if (copy && navigator.clipboard && window.isSecureContext) {
      copy.hidden = false;
      copy.addEventListener("click", function () {
        navigator.clipboard.writeText(copy.dataset.shareUrl).then(function () {
          status.textContent = copy.dataset.done;
          setTimeout(function () { status.textContent = ""; }, 4000);
        });
      });
    }
    if (native && navigator.share) {
      native.hidden = false;
      native.addEventListener("click", function () {
        navigator.share({ title: native.dataset.shareText, url: native.dataset.shareUrl })
          .catch(function () { /* the reader closed the share sheet */ });
      });
    }
  });
});
