package io.dhcpstate.internal;

/** Escaping of outside values for messages and logs, so control characters never print raw. */
public final class Text {
  /** Longest value shown in a message before it is shortened. */
  public static final int MAX_SHOWN = 80;

  private Text() {}

  /**
   * Escapes a value for display: backslash, quote, control, format, surrogate and non-ASCII
   * characters become escapes, and values longer than {@link #MAX_SHOWN} are shortened with
   * their full length noted.
   *
   * @param raw the raw value
   * @return a printable, single-line rendering
   */
  public static String escape(String raw) {
    StringBuilder sb = new StringBuilder(Math.min(raw.length(), MAX_SHOWN) + 8);
    int shown = Math.min(raw.length(), MAX_SHOWN);
    for (int i = 0; i < shown; i++) {
      char c = raw.charAt(i);
      switch (c) {
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\\' -> sb.append("\\\\");
        case '"' -> sb.append("\\\"");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    if (raw.length() > MAX_SHOWN) {
      sb.append("...(").append(raw.length()).append(" chars)");
    }
    return sb.toString();
  }
}
