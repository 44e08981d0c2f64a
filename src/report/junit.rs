//! JUnit XML: one failing test case per finding, so CI systems that only read test reports
//! still show each drift with its place.

use super::Report;
use std::fmt::Write;

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && c != '\n' && c != '\t' && c != '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Attribute values also keep their line breaks, which XML would otherwise fold into spaces.
fn escape_attribute(text: &str) -> String {
    escape(text)
        .replace('\n', "&#10;")
        .replace('\r', "&#13;")
        .replace('\t', "&#9;")
}

pub fn render(report: &Report) -> String {
    let total = report.findings.len().max(1);
    let failures = report.findings.len();
    let seconds = report.summary.elapsed.as_secs_f64();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"schemadrift\" tests=\"{total}\" failures=\"{failures}\" errors=\"0\" time=\"{seconds:.3}\">"
    );
    let _ = writeln!(
        out,
        "  <testsuite name=\"schemadrift\" tests=\"{total}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\" time=\"{seconds:.3}\">"
    );
    if report.findings.is_empty() {
        let _ = writeln!(
            out,
            "    <testcase name=\"no drift\" classname=\"schemadrift\"/>"
        );
    }
    for f in report.findings {
        let place = f.location.place();
        // A place in the database has no file line: no `line` attribute rather than a fake 0.
        let line = if f.location.is_in_file() {
            format!(" line=\"{}\"", f.location.line)
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "    <testcase name=\"{}\" classname=\"{}\" file=\"{}\"{line}>",
            escape_attribute(&format!("{} at {place}", f.rule)),
            escape_attribute(&f.location.path),
            escape_attribute(&f.location.path),
        );
        let mut body = format!("{place}: {}[{}] {}", f.severity, f.rule, f.message);
        for related in &f.related {
            body.push_str(&format!(
                "\n  {}: {}",
                related.span.place(),
                related.message
            ));
        }
        if let Some(help) = &f.help {
            body.push_str(&format!("\nhelp: {help}"));
        }
        let _ = writeln!(
            out,
            "      <failure type=\"{}\" message=\"{}\">{}</failure>",
            escape_attribute(f.rule),
            escape_attribute(&f.message),
            escape(&body)
        );
        let _ = writeln!(out, "    </testcase>");
    }
    let _ = writeln!(out, "  </testsuite>");
    let _ = writeln!(out, "</testsuites>");
    out
}
