package io.tai2.reasoning;

/**
 * Cleans text that goes into a prompt: dashes that upset some tokenizers become '-', control characters (other than
 * newline and tab) are dropped, line ends are normalised, code fences defused and the length is capped. Text from the exchange or an earlier
 * reply is only ever placed inside the context JSON, as data.
 */
final class Sanitizer {

  private Sanitizer() {}

  static String text(String raw, int maxChars) {
    if (raw == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(Math.min(raw.length(), maxChars));
    for (int i = 0; i < raw.length() && out.length() < maxChars; i++) {
      char c = raw.charAt(i);
      if (c == '\u2014' || c == '\u2013') {
        out.append('-');
      } else if (c == '\r') {
        if (i + 1 >= raw.length() || raw.charAt(i + 1) != '\n') {
          out.append('\n');
        }
      } else if (c == '\n' || c == '\t' || !Character.isISOControl(c)) {
        out.append(c);
      }
    }
    boolean cut = out.length() >= maxChars && raw.length() > maxChars;
    // A code fence inside data could end the context block of the user message early.
    String clean = out.toString().replace("```", "'''").strip();
    return cut ? clean + " … [cut]" : clean;
  }
}
