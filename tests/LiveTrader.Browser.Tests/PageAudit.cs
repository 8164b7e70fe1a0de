using Microsoft.Playwright;

namespace LiveTrader.Browser.Tests;

/// <summary>Checks run inside the page: horizontal overflow, form controls without an accessible label,
/// buttons without a name. Each returns what offends, so an assertion can name it.</summary>
public static class PageAudit
{
    /// <summary>How far the document is wider than the viewport (0 or less: no horizontal scrolling).</summary>
    public static Task<int> OverflowAsync(IPage page) =>
        page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");

    /// <summary>The elements wider than the viewport, to say what overflows.</summary>
    public static Task<string[]> WideElementsAsync(IPage page) => page.EvaluateAsync<string[]>("""
        () => [...document.querySelectorAll('body *')]
          .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5)
          .slice(0, 15)
          .map((el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''))
        """);

    /// <summary>Every input, select and textarea (but type=hidden) with no label: no non-empty
    /// &lt;label for&gt; or wrapping label, aria-label or aria-labelledby.</summary>
    public static Task<string[]> UnlabelledFieldsAsync(IPage page) => page.EvaluateAsync<string[]>("""
        () => {
          const text = (el) => (el && el.textContent || '').trim();
          const byIds = (ids) => (ids || '').split(/\s+/).filter(Boolean).map((id) => text(document.getElementById(id))).join('');
          const name = (el) => el.id ? '#' + el.id : el.outerHTML.slice(0, 100);
          return [...document.querySelectorAll('input, select, textarea')]
            .filter((el) => el.type !== 'hidden')
            .filter((el) => !([...(el.labels || [])].some((l) => text(l))
              || (el.getAttribute('aria-label') || '').trim()
              || byIds(el.getAttribute('aria-labelledby'))))
            .map(name);
        }
        """);

    /// <summary>Every button (and input button, role=button) with no text name: no text content,
    /// aria-label, aria-labelledby, value or title.</summary>
    public static Task<string[]> UnnamedButtonsAsync(IPage page) => page.EvaluateAsync<string[]>("""
        () => {
          const text = (el) => (el && el.textContent || '').trim();
          const byIds = (ids) => (ids || '').split(/\s+/).filter(Boolean).map((id) => text(document.getElementById(id))).join('');
          const name = (el) => el.id ? '#' + el.id : el.outerHTML.slice(0, 100);
          return [...document.querySelectorAll('button, input[type=button], input[type=submit], input[type=reset], [role=button]')]
            .filter((el) => !(text(el)
              || (el.getAttribute('aria-label') || '').trim()
              || byIds(el.getAttribute('aria-labelledby'))
              || (el.tagName === 'INPUT' && (el.value || '').trim())
              || (el.getAttribute('title') || '').trim()))
            .map(name);
        }
        """);
}
