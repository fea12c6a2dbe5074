// Tells the server the browser's time zone, so pages show times in the reader's zone: a cookie the next request
// carries (the page that starts a circuit reads it). Written only when it changed, so it costs nothing after the first page.
(() => {
    let zone;
    try {
        zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    } catch {
        return;
    }
    if (!zone) return;
    const cookie = "tz=" + encodeURIComponent(zone);
    if (document.cookie.split("; ").includes(cookie)) return;
    const secure = location.protocol === "https:" ? "; Secure" : "";
    document.cookie = `${cookie}; path=/; max-age=31536000; SameSite=Lax${secure}`;
})();
