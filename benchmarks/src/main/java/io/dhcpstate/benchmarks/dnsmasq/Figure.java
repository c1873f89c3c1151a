package io.dhcpstate.benchmarks.dnsmasq;

import java.util.Locale;

/**
 * One figure as the suites print it: {@code result NAME VALUE UNIT ±ERROR BAR VERDICT}, the
 * same layout as the agent suite's. A figure without a bar reads {@code no-bar REPORTED}; one
 * that could not be measured has the value {@code NaN} and the verdict {@code FAIL}.
 *
 * @param name the figure's name
 * @param value its value
 * @param error its error (half-interval), NaN when there is none
 * @param unit its unit
 * @param bar such as {@code bar>=2000}, or null for none
 * @param pass whether it meets the bar
 */
record Figure(String name, double value, double error, String unit, String bar, boolean pass) {

  static Figure atLeast(String name, double value, double error, String unit, double bar) {
    return new Figure(name, value, error, unit, "bar>=" + fmt(bar), value >= bar);
  }

  static Figure atMost(String name, double value, double error, String unit, double bar) {
    return new Figure(name, value, error, unit, "bar<=" + fmt(bar), value <= bar);
  }

  static Figure reported(String name, double value, double error, String unit) {
    return new Figure(name, value, error, unit, null, !Double.isNaN(value));
  }

  String line() {
    String verdict;
    if (bar == null) {
      verdict = "no-bar " + (Double.isNaN(value) ? "FAIL" : "REPORTED");
    } else {
      verdict = bar + " " + (pass ? "PASS" : "FAIL");
    }
    return String.format(Locale.ROOT, "result %s %s %s ±%s %s", name, fmt(value), unit,
        fmt(error), verdict);
  }

  static String fmt(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e12) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.0f", v)
        : String.format(Locale.ROOT, "%.3f", v);
  }
}
