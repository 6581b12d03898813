//! Markdown written by participants, rendered inert: raw HTML is shown as text, links keep only
//! `http`, `https` and `mailto` addresses and get `rel="nofollow noopener noreferrer"`, images
//! become links to themselves. Every byte of output comes from pulldown-cmark's escaping writer
//! or from the link tags written here with escaped attributes.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, html};

fn escape_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn safe_url(url: &str) -> bool {
    let lower: String = url
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://") || lower.starts_with("mailto:")
}

/// Renders participant Markdown to HTML that can be inserted into a page as is.
pub fn render(source: &str) -> String {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_STRIKETHROUGH);
    let mut open_links: Vec<bool> = Vec::new();
    let events = Parser::new_ext(source, options).map(|ev| match ev {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        Event::Start(Tag::Link { dest_url, .. }) | Event::Start(Tag::Image { dest_url, .. }) => {
            let ok = safe_url(&dest_url);
            open_links.push(ok);
            if ok {
                Event::InlineHtml(CowStr::from(format!(
                    "<a href=\"{}\" rel=\"nofollow noopener noreferrer\">",
                    escape_attr(&dest_url)
                )))
            } else {
                Event::Text(CowStr::from(""))
            }
        }
        Event::End(TagEnd::Link) | Event::End(TagEnd::Image) => {
            if open_links.pop().unwrap_or(false) {
                Event::InlineHtml(CowStr::from("</a>"))
            } else {
                Event::Text(CowStr::from(""))
            }
        }
        other => other,
    });
    let mut out = String::new();
    html::push_html(&mut out, events);
    out
}

/// The plain text of participant Markdown (for search and previews).
pub fn plain(source: &str) -> String {
    let mut out = String::new();
    for ev in Parser::new(source) {
        match ev {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                out.push_str(&t)
            }
            Event::SoftBreak | Event::HardBreak | Event::End(_) => out.push(' '),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formatting_survives() {
        assert_eq!(
            render("**Più** alberi\n\n- uno\n- due"),
            "<p><strong>Più</strong> alberi</p>\n<ul>\n<li>uno</li>\n<li>due</li>\n</ul>\n"
        );
        assert_eq!(
            render("[sito](https://example.org/a?b=1&c=\"2\")"),
            "<p><a href=\"https://example.org/a?b=1&amp;c=&quot;2&quot;\" rel=\"nofollow noopener noreferrer\">sito</a></p>\n"
        );
    }

    #[test]
    fn scripts_links_and_handlers_are_inert() {
        let cases = [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "[x](javascript:alert(1))",
            "[x]( JaVaScRiPt:alert(1))",
            "![x](javascript:alert(1))",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<iframe src=https://evil.example></iframe>",
            "<div onclick=\"alert(1)\">x</div>",
            "[x](data:text/html;base64,PHNjcmlwdD4=)",
        ];
        for c in cases {
            let out = render(c);
            assert!(!out.contains("<script"), "{c} → {out}");
            assert!(!out.contains("<img"), "{c} → {out}");
            assert!(!out.contains("<iframe"), "{c} → {out}");
            assert!(!out.contains("<div"), "{c} → {out}");
            assert!(!out.contains("<a href=\"data"), "{c} → {out}");
            assert!(!out.contains("<a href=\"javascript"), "{c} → {out}");
        }
        assert_eq!(
            render("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(render("[x](javascript:alert(1))"), "<p>x</p>\n");
    }

    #[test]
    fn plain_text_for_search() {
        assert_eq!(
            plain("# Titolo\n\n**Più** [alberi](https://a.example)"),
            "Titolo Più alberi"
        );
    }
}
