// Browser tests: Debian's chromium, driven by playwright-core, against a real `satupintu serve`
// on a fresh SQLite database with the demo data. Screenshots go to test-results/ (git-ignored).
// Usage: node web/e2e/run.mjs SATUPINTU_BINARY   (from the repository root)
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";

const binary = resolve(process.argv[2] ?? "build/bin/satupintu");
const repo = resolve(".");
const results = join(repo, "test-results");
mkdirSync(results, { recursive: true });
const axeSource = readFileSync(join(repo, "web/node_modules/axe-core/axe.min.js"), "utf8");

function freePort() {
  return new Promise((ok) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

async function waitFor(url, ms = 20000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not answer ${url}`);
}

const work = mkdtempSync(join(tmpdir(), "satupintu-e2e-"));
const env = { ...process.env, SATUPINTU_DATA_DIR: repo, SATUPINTU_PKI_DIR: join(work, "pki"),
              SATUPINTU_BLOB_DIR: join(work, "blobs") };
const db = `sqlite:${join(work, "e2e.db")}`;
execFileSync(binary, ["demo", "--db", db], { env, stdio: "ignore" });
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const server = spawn(binary, ["serve", "--db", db, "--listen", `127.0.0.1:${port}`], { env, stdio: "ignore" });
let failures = 0;
// Waits (up to 10 s) for the locator to show; false when it never does.
const shows = (locator) => locator.waitFor({ timeout: 10000 }).then(() => true, () => false);
const check = (ok, what) => {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failures++;
};

async function axe(page, what) {
  await page.evaluate(axeSource);  // through the DevTools protocol: the page's CSP forbids inline scripts
  const r = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ["violations"] }));
  const bad = r.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  check(bad.length === 0, `${what}: no serious or critical accessibility violations` +
    (bad.length ? ` (${bad.map((v) => v.id).join(", ")})` : ""));
}

let browser;
try {
  await waitFor(`${base}/healthz`);
  // A demo registration number to look up.
  const login = await (await fetch(`${base}/api/v1/session`, { method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email: "rina@pemohon.demo", password: "satupintu-demo", kind: "bearer" }) })).json();
  const mine = await (await fetch(`${base}/api/v1/applications`, { headers: { Authorization: `Bearer ${login.token}` } })).json();
  const registered = mine.items.find((a) => a.registration_number);

  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: ["--no-sandbox"] });
  const page = await browser.newPage();

  await page.goto(`${base}/`);
  await page.getByRole("heading", { name: "Katalog izin" }).waitFor();
  await page.getByRole("heading", { name: "Surat Izin Praktik Dokter" }).waitFor();
  check(await shows(page.getByText("Rp0 (gratis)").first()), "catalogue shows the fee as Rp0");
  await page.selectOption("#office", "purwakarta");
  await page.getByRole("heading", { name: "Izin Optikal" }).waitFor();
  check(await shows(page.getByRole("cell", { name: "Kepala DPMPTSP" }).first()), "catalogue lists the SOP steps with actors");
  await page.screenshot({ path: join(results, "catalog.png"), fullPage: true });
  await axe(page, "catalogue");

  await page.getByRole("button", { name: /^English/ }).click();
  await page.getByRole("heading", { name: "Permit catalogue" }).waitFor();
  check(true, "English toggle translates the page");
  await page.getByRole("button", { name: /^Bahasa Indonesia/ }).click();
  await page.getByRole("heading", { name: "Katalog izin" }).waitFor();

  await page.setViewportSize({ width: 375, height: 800 });
  await page.getByRole("link", { name: "Cek status" }).click();
  await page.getByLabel("Nomor registrasi").fill(registered.registration_number);
  await page.getByRole("button", { name: "Cek" }).click();
  await page.getByText(registered.registration_number).last().waitFor();
  check(await shows(page.getByText("Tahap sekarang")), "status lookup shows the current step");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  check(!overflow, "status page fits 375 px without horizontal scrolling");
  await page.screenshot({ path: join(results, "status-375.png"), fullPage: true });
  await axe(page, "status lookup");
  await page.getByLabel("Nomor registrasi").fill("0000/TIDAK/ADA");
  await page.getByRole("button", { name: "Cek" }).click();
  check(await shows(page.getByRole("alert").getByText("Nomor registrasi tidak ditemukan.")), "an unknown number gets a clear message");
  await page.setViewportSize({ width: 1280, height: 900 });

  await page.getByRole("link", { name: "Verifikasi dokumen" }).click();
  await page.getByLabel("Kode verifikasi").fill("TIDAKADA1");
  await page.getByRole("button", { name: "Periksa" }).click();
  check(await shows(page.getByRole("alert").getByText("Tidak ada dokumen dengan kode verifikasi ini.")),
        "verification of an unknown code says so");
  await axe(page, "verification");

  await page.getByRole("link", { name: "Masuk" }).click();
  await page.getByLabel("Surel").fill("rina@pemohon.demo");
  await page.getByLabel("Kata sandi").fill("salah-sekali");
  await page.getByRole("button", { name: "Masuk" }).click();
  await page.getByRole("alert").waitFor();
  check(true, "a wrong password shows the server's message");
  await page.getByLabel("Kata sandi").fill("satupintu-demo");
  await page.getByRole("button", { name: "Masuk" }).click();
  await page.getByText("Selamat datang, dr. Rina Kartika.").waitFor();
  check(true, "sign-in with a demo login");
  await page.screenshot({ path: join(results, "signed-in.png") });
  await page.getByRole("button", { name: "Keluar" }).click();
  await page.getByRole("link", { name: "Masuk" }).waitFor();
  check(true, "sign-out");

  // Deep links survive a reload (SPA fallback) and assets are cached for a year.
  const deep = await fetch(`${base}/status?registration=x`);
  check(deep.ok && (await deep.text()).includes('<div id="root">'), "deep links load the app");
} catch (e) {
  console.error(e);
  failures++;
} finally {
  await browser?.close();
  server.kill("SIGTERM");
  rmSync(work, { recursive: true, force: true });
}
console.log(failures === 0 ? "all browser checks passed" : `${failures} browser check(s) failed`);
process.exit(failures === 0 ? 0 : 1);
