//! The timeline as an SVG image, for reports: the rows as laid out (folded, filtered and
//! ordered as on screen) over the window shown, with the axis, each job's name indented by
//! depth, its status, its bar and its duration. Every text from the job is escaped for
//! XML (and characters XML cannot hold dropped), so no answer can add markup to the image.
//!
//! Each row is a `<g data-row data-job-id data-status>` so a report's reader (and a test)
//! can find a job in it.

use std::fmt::Write as _;

use crate::ticks::{ticks_from, TickMode};
use crate::{format_duration, Analysis, Layout, Locale, StatusKind, TimeWindow};

/// Height of one row, as on screen.
pub const ROW_PX: f64 = 26.0;
/// Height of the axis above the rows.
const AXIS_PX: f64 = 28.0;
/// Indentation per level.
const INDENT_PX: f64 = 14.0;

/// How to draw.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SvgOptions {
    /// Width of the whole image.
    pub width_px: f64,
    /// Width of the name column.
    pub name_px: f64,
    /// The time shown (the zoomed window, or the layout's domain).
    pub window: TimeWindow,
    /// How the axis labels its ticks.
    pub mode: TickMode,
    /// Label language.
    pub locale: Locale,
    /// Most rows drawn; the rest are counted in a last line.
    pub max_rows: usize,
}

/// The colour of a status (the widget's light theme).
fn colour(status: StatusKind) -> &'static str {
    match status {
        StatusKind::Success => "#1a7f37",
        StatusKind::Running => "#0969da",
        StatusKind::Fail => "#cf222e",
        StatusKind::Init => "#6e7781",
        StatusKind::Unknown => "#9a6700",
    }
}

/// `text` escaped for XML text and attributes; characters XML 1.0 cannot hold are dropped.
pub fn escape_xml(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
}

fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_xml(&mut out, text);
    out
}

/// An image drawn, and its size.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineSvg {
    /// The SVG document.
    pub text: String,
    /// Its width in pixels.
    pub width_px: f64,
    /// Its height in pixels.
    pub height_px: f64,
}

/// The SVG of `layout`'s rows (of `analysis`'s job) over `options.window`.
pub fn timeline_svg(analysis: &Analysis, layout: &Layout, options: &SvgOptions) -> TimelineSvg {
    let SvgOptions { width_px, name_px, window, mode, locale, max_rows } = *options;
    let width_px = width_px.max(name_px + 100.0);
    let bar_px = width_px - name_px - 8.0;
    let shown = layout.slots.len().min(max_rows);
    let more = layout.slots.len() - shown;
    let height = AXIS_PX + (shown + usize::from(more > 0)) as f64 * ROW_PX + 4.0;
    let root = analysis.job(0);
    let mut out = String::with_capacity(256 + shown * 400);
    let _ = write!(
        out,
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{width_px:.0}" height="{height:.0}" viewBox="0 0 {width_px:.0} {height:.0}" font-family="system-ui, -apple-system, 'Segoe UI', 'PingFang SC', 'Microsoft YaHei', sans-serif" font-size="12" data-rows="{}">"##,
        layout.slots.len()
    );
    out.push_str("<title>");
    escape_xml(&mut out, analysis.label(0, locale));
    out.push_str(" — ");
    escape_xml(&mut out, root.status_text().unwrap_or("?"));
    if let Some(id) = root.job_id() {
        out.push_str(" — ");
        escape_xml(&mut out, id);
    }
    out.push_str("</title>");
    let _ = write!(out, r##"<rect width="100%" height="100%" fill="#ffffff"/>"##);
    // The axis: ticks over the bar column, and their lines through the rows.
    let ticks = ticks_from(
        layout.start_ms,
        window.start_ms.round() as i64,
        window.end_ms.round() as i64,
        bar_px,
        mode,
    );
    out.push_str(r##"<g data-role="axis" fill="#57606a" stroke="#d0d7de">"##);
    for tick in &ticks.ticks {
        let x = name_px + tick.x * bar_px;
        let _ = write!(
            out,
            r##"<line x1="{x:.1}" y1="{:.1}" x2="{x:.1}" y2="{height:.1}"/><text x="{x:.1}" y="16" text-anchor="middle" stroke="none">{}</text>"##,
            AXIS_PX - 6.0,
            escaped(&tick.label)
        );
    }
    out.push_str("</g>");
    for (position, slot) in layout.slots.iter().take(shown).enumerate() {
        let index = slot.index();
        let job = analysis.job(index);
        let y = AXIS_PX + position as f64 * ROW_PX;
        let status = slot.status();
        out.push_str(r##"<g data-row=""##);
        let _ = write!(out, "{position}");
        out.push_str(r##"" data-job-id=""##);
        escape_xml(&mut out, job.job_id().unwrap_or_default());
        out.push_str(r##"" data-status=""##);
        escape_xml(&mut out, job.status_text().unwrap_or_default());
        let _ = write!(out, r##"" transform="translate(0 {y:.1})">"##);
        if position % 2 == 1 {
            let _ =
                write!(out, r##"<rect width="{width_px:.0}" height="{ROW_PX}" fill="#f6f8fa"/>"##);
        }
        // The name: indented, its status as a mark and in words for a printed report.
        let x = 6.0 + job.depth() as f64 * INDENT_PX;
        let _ = write!(
            out,
            r##"<text x="{x:.1}" y="17" fill="{}">{} </text><text x="{:.1}" y="17" fill="#1f2328">"##,
            colour(status),
            status_mark(status),
            x + 12.0
        );
        escape_xml(&mut out, analysis.label(index, locale));
        if let Some(code) = job.error_code().filter(|_| status == StatusKind::Fail) {
            out.push_str(" · ");
            escape_xml(&mut out, code);
        }
        if slot.collapsed() {
            let _ = write!(out, " +{}", job.descendant_count());
        }
        out.push_str("</text>");
        if let Some((begin, end)) = slot.bar_ms() {
            if let Some(bar) = window.clip(begin as f64, end as f64) {
                let left = name_px + bar.left * bar_px;
                let width = (bar.width * bar_px).max(1.0);
                let _ = write!(
                    out,
                    r##"<rect data-role="bar" x="{left:.1}" y="7" width="{width:.1}" height="12" rx="2" fill="{}"/>"##,
                    colour(status)
                );
                if let Some(duration) = slot.duration_ms() {
                    let (x, anchor) = if bar.left + bar.width > 0.85 {
                        (left - 4.0, "end")
                    } else {
                        (left + width + 4.0, "start")
                    };
                    let _ = write!(
                        out,
                        r##"<text x="{x:.1}" y="17" text-anchor="{anchor}" fill="#57606a">{}</text>"##,
                        format_duration(duration)
                    );
                }
            }
        }
        out.push_str("</g>");
    }
    if more > 0 {
        let y = AXIS_PX + shown as f64 * ROW_PX + 17.0;
        let _ = write!(
            out,
            r##"<text x="6" y="{y:.1}" fill="#57606a" data-role="more-rows">… +{more}</text>"##
        );
    }
    out.push_str("</svg>");
    TimelineSvg { text: out, width_px, height_px: height }
}

/// A status's mark, as the rows and the images draw it (never colour alone).
pub fn status_mark(status: StatusKind) -> &'static str {
    match status {
        StatusKind::Success => "✓",
        StatusKind::Running => "▶",
        StatusKind::Fail => "✕",
        StatusKind::Init => "○",
        StatusKind::Unknown => "?",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse_job;

    #[test]
    fn text_from_the_job_cannot_become_markup() {
        assert_eq!(escaped("<a href=\"x\">&'\u{1}\n"), "&lt;a href=&quot;x&quot;&gt;&amp;&apos; ");
        let tree = parse_job(
            r##"{"job_id":"r","job_type":"<script>x</script>","status":"FAIL","error_code":"\"><g","begin_time":"2026-12-03T08:00:00.000Z","end_time":"2026-12-03T08:00:01.000Z"}"##,
        )
        .unwrap();
        let analysis = Analysis::new(std::rc::Rc::new(tree));
        let layout =
            analysis.layout_in(0, &Default::default(), Default::default(), Default::default());
        let svg = timeline_svg(
            &analysis,
            &layout,
            &SvgOptions {
                width_px: 800.0,
                name_px: 300.0,
                window: layout.domain(),
                mode: TickMode::Relative,
                locale: Locale::En,
                max_rows: 10,
            },
        )
        .text;
        assert!(!svg.contains("<script"), "{svg}");
        assert!(svg.contains("&lt;script&gt;"), "{svg}");
        assert_eq!(svg.matches("<g data-row=").count(), 1);
        assert!(svg.contains(r##"data-status="FAIL""##));
    }
}
