package io.tai2.reasoning;

/**
 * Makes text written by the model safe to store, log and show: no control, format (bidi override, zero-width) or
 * unpaired surrogate characters, no surrounding blanks, bounded length. The text itself stays untrusted: it is only
 * ever shown, never interpreted.
 */
final class UntrustedText {

  private UntrustedText() {}

  /**
   * The cleaned text, at most {@code max} characters. Newlines and tabs survive only when {@code multiline}; otherwise
   * they become spaces so that words stay apart.
   */
  static String clean(String raw, int max, boolean multiline) {
    StringBuilder out = new StringBuilder(Math.min(raw.length(), max + 2));
    for (int i = 0; i < raw.length() && out.length() <= max + 1; ) {
      int cp = raw.codePointAt(i);
      i += Character.charCount(cp);
      int type = Character.getType(cp);
      if (out.isEmpty() && Character.isWhitespace(cp)) {
        continue; // leading blanks must not use up the length budget
      }
      if (cp == '\n'
          || cp == '\t'
          || type == Character.LINE_SEPARATOR
          || type == Character.PARAGRAPH_SEPARATOR) {
        out.append(multiline ? (cp == '\t' ? '\t' : '\n') : ' ');
      } else if (type != Character.CONTROL
          && type != Character.FORMAT
          && type != Character.SURROGATE
          && type != Character.UNASSIGNED) {
        out.appendCodePoint(cp);
      }
    }
    String text = out.toString().strip();
    if (text.length() > max) {
      // never cut between the two halves of a surrogate pair
      int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
      text = text.substring(0, end).strip();
    }
    return text;
  }

  /** Whether {@code text} is already what {@link #clean} would make of it. */
  static boolean isClean(String text, int max, boolean multiline) {
    return text.length() <= max && text.equals(clean(text, max, multiline));
  }

  /** A short single-line quote of untrusted text for a rejection reason. */
  static String quote(String raw) {
    String text = clean(raw.length() > 200 ? raw.substring(0, 200) : raw, 41, false);
    return "\"" + (text.length() > 40 ? clean(text, 40, false) + "…" : text) + "\"";
  }
}
