// The language switch on interactive pages: the culture cookie the next page request carries (so the next page, and a
// reload, come in the chosen language) and <html lang>, for screen readers and the browser's own translation offer.
window.portalLanguage = {
    set(cookieValue, lang) {
        const secure = location.protocol === "https:" ? "; Secure" : "";
        document.cookie = `.AspNetCore.Culture=${encodeURIComponent(cookieValue)}; path=/; max-age=31536000; SameSite=Lax${secure}`;
        document.documentElement.lang = lang;
    },
};
