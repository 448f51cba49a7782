/* A small XML 1.0 well-formedness checker for the fuzz targets: what the SVG, GraphML and
 * HTML writers promise ("always valid XML") is checked on every fuzzed graph without a
 * parser library. It checks UTF-8 and the XML Char production, markup (elements with
 * properly nested, matching tags, unique attributes with quoted values, comments
 * without "--", CDATA, processing instructions, one DOCTYPE without an internal
 * subset), entity and character references (only the five predefined entities), text
 * without '<' or "]]>", and a single root element. DTD validity is not checked. */
#ifndef SG_XML_CHECK_H
#define SG_XML_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct xml_cursor {
    const unsigned char *s;
    size_t n, i;
    const char *why; /* the first fault found, or NULL */
} xml_cursor;

static inline bool xml_fail(xml_cursor *c, const char *why)
{
    if (c->why == NULL) {
        c->why = why;
    }
    return false;
}

/* Decodes the code point at c->i without consuming it; 0 bytes when it is not UTF-8. */
static inline size_t xml_peek(const xml_cursor *c, uint32_t *cp)
{
    const unsigned char *p = c->s + c->i;
    size_t left = c->n - c->i;
    if (left == 0) {
        return 0;
    }
    if (p[0] < 0x80) {
        *cp = p[0];
        return 1;
    }
    size_t len = (p[0] & 0xE0) == 0xC0   ? 2
                 : (p[0] & 0xF0) == 0xE0 ? 3
                 : (p[0] & 0xF8) == 0xF0 ? 4
                                         : 0;
    if (len == 0 || len > left) {
        return 0;
    }
    uint32_t v = p[0] & (0x7Fu >> len);
    for (size_t k = 1; k < len; k++) {
        if ((p[k] & 0xC0) != 0x80) {
            return 0;
        }
        v = (v << 6) | (p[k] & 0x3Fu);
    }
    static const uint32_t min[] = {0, 0, 0x80, 0x800, 0x10000};
    if (v < min[len] || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
        return 0;
    }
    *cp = v;
    return len;
}

static inline bool xml_char_ok(uint32_t cp)
{
    return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
           (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
}

static inline bool xml_starts(const xml_cursor *c, const char *lit)
{
    size_t k = strlen(lit);
    return c->n - c->i >= k && memcmp(c->s + c->i, lit, k) == 0;
}

static inline bool xml_name_start(unsigned char ch)
{
    return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || ch == '_' || ch == ':' ||
           ch >= 0x80;
}

static inline bool xml_name_char(unsigned char ch)
{
    return xml_name_start(ch) || (ch >= '0' && ch <= '9') || ch == '-' || ch == '.';
}

/* Reads a Name; returns its length (0: none). Non-ASCII name characters are accepted
 * loosely (any UTF-8 sequence); the writers only use ASCII names. */
static inline size_t xml_name(xml_cursor *c)
{
    size_t start = c->i;
    if (c->i >= c->n || !xml_name_start(c->s[c->i])) {
        return 0;
    }
    while (c->i < c->n && xml_name_char(c->s[c->i])) {
        c->i++;
    }
    return c->i - start;
}

static inline void xml_space(xml_cursor *c)
{
    while (c->i < c->n &&
           (c->s[c->i] == ' ' || c->s[c->i] == '\t' || c->s[c->i] == '\n' || c->s[c->i] == '\r')) {
        c->i++;
    }
}

/* A reference after '&': &name; with a predefined entity, &#N; or &#xH; naming a Char. */
static inline bool xml_reference(xml_cursor *c)
{
    c->i++; /* '&' */
    if (c->i < c->n && c->s[c->i] == '#') {
        c->i++;
        bool hex = c->i < c->n && c->s[c->i] == 'x';
        if (hex) {
            c->i++;
        }
        uint32_t v = 0;
        size_t digits = 0;
        while (c->i < c->n && c->s[c->i] != ';') {
            unsigned char ch = c->s[c->i];
            uint32_t d;
            if (ch >= '0' && ch <= '9') {
                d = (uint32_t)(ch - '0');
            } else if (hex && ch >= 'a' && ch <= 'f') {
                d = (uint32_t)(ch - 'a' + 10);
            } else if (hex && ch >= 'A' && ch <= 'F') {
                d = (uint32_t)(ch - 'A' + 10);
            } else {
                return xml_fail(c, "bad character reference");
            }
            if (v > 0x10FFFF) {
                return xml_fail(c, "character reference out of range");
            }
            v = v * (hex ? 16u : 10u) + d;
            digits++;
            c->i++;
        }
        if (c->i >= c->n || digits == 0) {
            return xml_fail(c, "unterminated character reference");
        }
        c->i++;
        return xml_char_ok(v) || xml_fail(c, "character reference to a non-Char");
    }
    static const char *const predefined[] = {"amp;", "lt;", "gt;", "quot;", "apos;"};
    for (size_t k = 0; k < sizeof predefined / sizeof *predefined; k++) {
        if (xml_starts(c, predefined[k])) {
            c->i += strlen(predefined[k]);
            return true;
        }
    }
    return xml_fail(c, "undefined entity or bare '&'");
}

/* Consumes one Char, checking UTF-8 and the Char production. */
static inline bool xml_char(xml_cursor *c)
{
    uint32_t cp = 0;
    size_t k = xml_peek(c, &cp);
    if (k == 0) {
        return xml_fail(c, "invalid UTF-8");
    }
    if (!xml_char_ok(cp)) {
        return xml_fail(c, "character not allowed in XML");
    }
    c->i += k;
    return true;
}

/* Skips to just after the literal end (checking every Char); false if missing. */
static inline bool xml_until(xml_cursor *c, const char *end, const char *why)
{
    while (c->i < c->n) {
        if (xml_starts(c, end)) {
            c->i += strlen(end);
            return true;
        }
        if (!xml_char(c)) {
            return false;
        }
    }
    return xml_fail(c, why);
}

static inline bool xml_comment(xml_cursor *c)
{
    c->i += 4; /* "<!--" */
    while (c->i < c->n) {
        if (xml_starts(c, "--")) {
            if (xml_starts(c, "-->")) {
                c->i += 3;
                return true;
            }
            return xml_fail(c, "\"--\" inside a comment");
        }
        if (!xml_char(c)) {
            return false;
        }
    }
    return xml_fail(c, "unterminated comment");
}

enum { XML_DEPTH_MAX = 256, XML_ATTRS_MAX = 64 };

/* Checks the whole document; returns NULL when it is well-formed, else the reason, with
 * *at the byte offset of the fault. */
static inline const char *xml_check(const char *doc, size_t n, size_t *at)
{
    xml_cursor c = {(const unsigned char *)doc, n, 0, NULL};
    struct {
        size_t off, len;
    } stack[XML_DEPTH_MAX];
    size_t depth = 0;
    size_t roots = 0;
    bool doctype = false;
    if (xml_starts(&c, "\xEF\xBB\xBF")) {
        c.i += 3;
    }
    while (c.i < c.n && c.why == NULL) {
        if (c.s[c.i] != '<') {
            if (c.s[c.i] == '&') {
                if (depth == 0) {
                    xml_fail(&c, "reference outside the root element");
                    break;
                }
                xml_reference(&c);
                continue;
            }
            if (xml_starts(&c, "]]>")) {
                xml_fail(&c, "\"]]>\" in text");
                break;
            }
            unsigned char ch = c.s[c.i];
            if (depth == 0 && ch != ' ' && ch != '\t' && ch != '\n' && ch != '\r') {
                xml_fail(&c, "text outside the root element");
                break;
            }
            xml_char(&c);
            continue;
        }
        if (xml_starts(&c, "<!--")) {
            xml_comment(&c);
        } else if (xml_starts(&c, "<![CDATA[")) {
            if (depth == 0) {
                xml_fail(&c, "CDATA outside the root element");
                break;
            }
            c.i += 9;
            xml_until(&c, "]]>", "unterminated CDATA section");
        } else if (xml_starts(&c, "<!DOCTYPE")) {
            if (doctype || roots > 0 || depth > 0) {
                xml_fail(&c, "misplaced DOCTYPE");
                break;
            }
            doctype = true;
            c.i += 9;
            /* quoted public and system ids may hold '>' */
            while (c.i < c.n && c.s[c.i] != '>') {
                if (c.s[c.i] == '[') {
                    xml_fail(&c, "DOCTYPE internal subset");
                    break;
                }
                if (c.s[c.i] == '"' || c.s[c.i] == '\'') {
                    unsigned char q = c.s[c.i++];
                    while (c.i < c.n && c.s[c.i] != q) {
                        c.i++;
                    }
                }
                c.i++;
            }
            if (c.i >= c.n) {
                xml_fail(&c, "unterminated DOCTYPE");
                break;
            }
            c.i++;
        } else if (xml_starts(&c, "<?")) {
            c.i += 2;
            if (xml_name(&c) == 0) {
                xml_fail(&c, "processing instruction without a target");
                break;
            }
            xml_until(&c, "?>", "unterminated processing instruction");
        } else if (xml_starts(&c, "</")) {
            c.i += 2;
            size_t off = c.i;
            size_t len = xml_name(&c);
            if (len == 0) {
                xml_fail(&c, "end tag without a name");
                break;
            }
            if (depth == 0 || stack[depth - 1].len != len ||
                memcmp(c.s + stack[depth - 1].off, c.s + off, len) != 0) {
                xml_fail(&c, "end tag does not match the open element");
                break;
            }
            depth--;
            xml_space(&c);
            if (c.i >= c.n || c.s[c.i] != '>') {
                xml_fail(&c, "end tag not closed by '>'");
                break;
            }
            c.i++;
        } else {
            c.i++;
            size_t off = c.i;
            size_t len = xml_name(&c);
            if (len == 0) {
                xml_fail(&c, "'<' that starts no markup");
                break;
            }
            if (depth == 0) {
                if (roots++ > 0) {
                    xml_fail(&c, "a second root element");
                    break;
                }
            }
            struct {
                size_t off, len;
            } attrs[XML_ATTRS_MAX];
            size_t n_attrs = 0;
            bool empty = false;
            for (;;) {
                size_t before = c.i;
                xml_space(&c);
                if (c.i >= c.n) {
                    xml_fail(&c, "unterminated start tag");
                    break;
                }
                if (c.s[c.i] == '>') {
                    c.i++;
                    break;
                }
                if (xml_starts(&c, "/>")) {
                    c.i += 2;
                    empty = true;
                    break;
                }
                if (c.i == before) {
                    xml_fail(&c, "attributes not separated by white space");
                    break;
                }
                size_t aoff = c.i;
                size_t alen = xml_name(&c);
                if (alen == 0) {
                    xml_fail(&c, "bad attribute name");
                    break;
                }
                for (size_t k = 0; k < n_attrs; k++) {
                    if (attrs[k].len == alen && memcmp(c.s + attrs[k].off, c.s + aoff, alen) == 0) {
                        xml_fail(&c, "duplicate attribute");
                    }
                }
                if (n_attrs < XML_ATTRS_MAX) {
                    attrs[n_attrs].off = aoff;
                    attrs[n_attrs].len = alen;
                    n_attrs++;
                }
                xml_space(&c);
                if (c.i >= c.n || c.s[c.i] != '=') {
                    xml_fail(&c, "attribute without '='");
                    break;
                }
                c.i++;
                xml_space(&c);
                if (c.i >= c.n || (c.s[c.i] != '"' && c.s[c.i] != '\'')) {
                    xml_fail(&c, "unquoted attribute value");
                    break;
                }
                unsigned char q = c.s[c.i++];
                while (c.i < c.n && c.s[c.i] != q && c.why == NULL) {
                    if (c.s[c.i] == '<') {
                        xml_fail(&c, "'<' in an attribute value");
                    } else if (c.s[c.i] == '&') {
                        xml_reference(&c);
                    } else {
                        xml_char(&c);
                    }
                }
                if (c.why != NULL) {
                    break;
                }
                if (c.i >= c.n) {
                    xml_fail(&c, "unterminated attribute value");
                    break;
                }
                c.i++;
            }
            if (c.why != NULL) {
                break;
            }
            if (!empty) {
                if (depth == XML_DEPTH_MAX) {
                    xml_fail(&c, "elements nested too deeply for the checker");
                    break;
                }
                stack[depth].off = off;
                stack[depth].len = len;
                depth++;
            }
        }
    }
    if (c.why == NULL && depth > 0) {
        xml_fail(&c, "unclosed element");
    }
    if (c.why == NULL && roots == 0) {
        xml_fail(&c, "no root element");
    }
    *at = c.i;
    return c.why;
}

/* Aborts with the fault and its context when doc is not well-formed XML. */
static inline void xml_require(const char *what, const char *doc, size_t n)
{
    size_t at = 0;
    const char *why = xml_check(doc, n, &at);
    if (why != NULL) {
        size_t from = at > 80 ? at - 80 : 0;
        size_t to = at + 80 < n ? at + 80 : n;
        fprintf(stderr, "%s is not well-formed XML at byte %zu: %s\n...%.*s...\n", what, at, why,
                (int)(to - from), doc + from);
        abort();
    }
}

#endif
