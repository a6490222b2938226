//! The HTML report as a person sees it: Debian's Chromium renders
//! the career fixture headless, in light and in dark mode, and the
//! screenshots are checked for what must be visible — the page background
//! of the scheme, the in-progress bars, the overdue red and the today line.
//!
//! `cargo test` on a machine with only a Rust toolchain skips this test
//! and says so on the terminal; under CI (`CI` set, as `.ci/run` runs,
//! which installs Chromium) a missing Chromium is a failure.
//! `UPDATE_SCREENSHOT=1` copies the light screenshot to docs/report.png,
//! the picture in the README.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use roadmap_lsp::analyze;
use roadmap_lsp::config::Settings;
use roadmap_lsp::report::{self, Format, Overview};

const WIDTH: u32 = 1200;
const HEIGHT: u32 = 1800;

fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    path.exists().then_some(path)
}

/// Renders `page` in headless Chromium with a fresh profile and no network
/// traffic of its own, and returns its pixels' colours.
fn screenshot(chromium: &Path, dir: &Path, page: &Path, name: &str, dark: bool) -> Vec<[u8; 3]> {
    let png = dir.join(format!("{name}.png"));
    let profile = dir.join(format!("profile-{name}"));
    let mut command = Command::new("timeout");
    command
        .arg("120")
        .arg(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--force-device-scale-factor=1",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--window-size={WIDTH},{HEIGHT}"))
        .arg(format!("--screenshot={}", png.display()));
    if dark {
        command.arg("--force-dark-mode");
    }
    command.arg(format!("file://{}", page.display()));
    let output = command.output().expect("chromium runs");
    assert!(
        output.status.success() && png.exists(),
        "chromium failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(&png).expect("the screenshot"),
    ));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut pixels = vec![0; reader.output_buffer_size().expect("a size")];
    let info = reader.next_frame(&mut pixels).expect("a frame");
    assert_eq!((info.width, info.height), (WIDTH, HEIGHT));
    assert_eq!(info.bit_depth, png::BitDepth::Eight);
    let channels = info.color_type.samples();
    assert!(channels >= 3, "{:?}", info.color_type);
    pixels.truncate(info.buffer_size());
    if !dark && std::env::var_os("UPDATE_SCREENSHOT").is_some() {
        let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/report.png");
        std::fs::copy(&png, docs).expect("docs/ is writable");
    }
    pixels
        .chunks_exact(channels)
        .map(|p| [p[0], p[1], p[2]])
        .collect()
}

/// How many pixels are within a small distance of `hex`.
fn count(pixels: &[[u8; 3]], hex: u32) -> usize {
    let [r, g, b] = [(hex >> 16) as u8, (hex >> 8) as u8, hex as u8];
    pixels
        .iter()
        .filter(|p| p[0].abs_diff(r) <= 6 && p[1].abs_diff(g) <= 6 && p[2].abs_diff(b) <= 6)
        .count()
}

#[test]
fn the_report_renders_in_headless_chromium_in_light_and_dark_mode() {
    let Some(chromium) = chromium() else {
        common::skip_unless_ci(
            "the report screenshot test",
            "no Chromium at /usr/bin/chromium (or $CHROMIUM); `apt-get install chromium` runs it",
        );
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/career.roadmap.toml"),
    )
    .expect("fixture");
    let analysis = analyze(&text, common::today(), &Settings::default());
    let html = report::render(
        &Overview::new("career.roadmap.toml", &text, &analysis),
        Format::Html,
    );
    let page = dir.path().join("career.report.html");
    std::fs::write(&page, html).expect("written");

    let total = (WIDTH * HEIGHT) as usize;
    let light = screenshot(&chromium, dir.path(), &page, "light", false);
    // Light page background and cards.
    assert!(
        count(&light, 0xf8fafc) + count(&light, 0xffffff) > total / 2,
        "the light background is not what most of the page shows"
    );
    // In-progress bars and meters (blue), the overdue tick and texts
    // (red), the today line (pink), the hatched skill gaps (amber).
    for (what, hex, at_least) in [
        ("in-progress blue", 0x2563eb, 2000),
        ("overdue red", 0xdc2626, 40),
        ("today pink", 0xdb2777, 60),
        ("skill-gap amber", 0xf59e0b, 200),
        ("done green", 0x16a34a, 300),
    ] {
        let found = count(&light, hex);
        assert!(
            found >= at_least,
            "{what}: {found} pixels, expected {at_least}+"
        );
    }

    let dark = screenshot(&chromium, dir.path(), &page, "dark", true);
    assert!(
        count(&dark, 0x0b1120) + count(&dark, 0x111827) > total / 2,
        "the dark background is not what most of the page shows"
    );
    assert!(count(&dark, 0x60a5fa) >= 2000, "dark-mode blue bars");
    assert_eq!(
        count(&dark, 0xf8fafc),
        0,
        "no light background in dark mode"
    );
}
