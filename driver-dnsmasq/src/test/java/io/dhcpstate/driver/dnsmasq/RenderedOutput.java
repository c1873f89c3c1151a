package io.dhcpstate.driver.dnsmasq;

import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpstate.driver.dnsmasq.internal.CommandLine;
import io.dhcpstate.driver.dnsmasq.internal.Config;
import io.dhcpstate.driver.dnsmasq.internal.Renderer;
import io.dhcpstate.model.NetworkSnapshot;
import io.dhcpstate.spi.DhcpSettings;
import io.dhcpstate.testkit.InjectionCorpus;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Everything the driver writes for a network: the three files and the argument list, with a
 * parser-like check that every line and argument has the shape it must have, so no value can
 * have broken out of its place.
 *
 * @param host the host file
 * @param addnHosts the additional hosts file
 * @param opts the options file
 * @param args the command line
 */
record RenderedOutput(String host, String addnHosts, String opts, List<String> args) {
  private static final String ID = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";
  private static final String MAC = "[0-9a-f]{2}(?::[0-9a-f]{2}){5}";
  private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
  private static final String NAME = LABEL + "(?:\\." + LABEL + ")*";
  private static final String IP4 = "\\d{1,3}(?:\\.\\d{1,3}){3}";
  private static final String IP6 = "[0-9a-f:]*:[0-9a-f:.]*";
  private static final String SAFE = "[\\x21-\\x2b\\x2d-\\x7e&&[^\"'\\\\]](?:[\\x20-\\x2b\\x2d-\\x7e"
      + "&&[^\"'\\\\]]*[\\x21-\\x2b\\x2d-\\x7e&&[^\"'\\\\]])?";
  private static final Pattern HOST_LINE = Pattern.compile(MAC + "(?:,tag:dhcpv6)?(?:,id:" + SAFE
      + ")?," + NAME + ",(?:" + IP4 + "|\\[" + IP6 + "\\])(?:,set:port-" + ID + ")?");
  private static final Pattern STATELESS_LINE =
      Pattern.compile(MAC + ",tag:dhcpv6,set:port-" + ID);
  private static final Pattern ADDN_LINE =
      Pattern.compile("(?:" + IP4 + "|" + IP6 + ")\t" + NAME + "(?: " + LABEL + ")?");
  private static final Pattern OPTS_LINE = Pattern.compile("tag:(?:subnet|port)-" + ID
      + ",(?:tag:!?ipxe6?,)?(?:option6?:[A-Za-z][A-Za-z0-9+_-]*|\\d{1,5})((?:," + SAFE + ")*)");
  private static final Pattern ARG = Pattern.compile("--[a-z][a-z0-9-]*(?:=[\\x21-\\x7e]+)?");

  /** Renders a network as the driver would, for a driver configuration and an interface. */
  static RenderedOutput of(Config config, NetworkSnapshot net, DhcpSettings settings,
      String iface) {
    Renderer.Files f = Renderer.render(net, settings);
    List<String> args = CommandLine.build(config, net, settings, iface,
        config.stateDirectory().resolve(net.network().id()));
    return new RenderedOutput(f.host(), f.addnHosts(), f.opts(), args);
  }

  /** Everything as one text, for "does this string appear anywhere" checks. */
  String all() {
    return host + addnHosts + opts + String.join("\n", args);
  }

  /** Asserts that every line and argument has its shape and no forbidden character. */
  void assertWellFormed(String context, Path stateDirectory) {
    for (String text : List.of(host, addnHosts, opts)) {
      assertThat(text.isEmpty() || text.endsWith("\n")).as(context).isTrue();
      int bad = -1;
      for (int i = 0; i < text.length() && bad < 0; i++) {
        char c = text.charAt(i);
        bad = c == '\n' || c == '\t' || c >= 0x20 && c < 0x7f ? -1 : i;
      }
      assertThat(bad).as("%s: index of a character that is not printable ASCII", context)
          .isEqualTo(-1);
    }
    host.lines().forEach(l -> assertThat(HOST_LINE.matcher(l).matches()
        || STATELESS_LINE.matcher(l).matches()).as("%s: host line %s", context,
        InjectionCorpus.escape(l)).isTrue());
    addnHosts.lines().forEach(l -> assertThat(ADDN_LINE.matcher(l).matches())
        .as("%s: addn_hosts line %s", context, InjectionCorpus.escape(l)).isTrue());
    opts.lines().forEach(l -> {
      var m = OPTS_LINE.matcher(l);
      assertThat(m.matches()).as("%s: opts line %s", context, InjectionCorpus.escape(l))
          .isTrue();
      String value = m.group(1).toLowerCase(Locale.ROOT);
      assertThat(value).as("%s: opts value %s", context, InjectionCorpus.escape(l))
          .doesNotContain("tag:").doesNotContain("set:");
    });
    assertThat(args.get(0)).as(context).isEqualTo("/usr/sbin/dnsmasq");
    for (String a : args.subList(1, args.size())) {
      assertThat(ARG.matcher(a).matches()).as("%s: argument %s", context,
          InjectionCorpus.escape(a)).isTrue();
      if (a.contains("=/")) {
        Path p = Path.of(a.substring(a.indexOf('=') + 1));
        assertThat(p.normalize()).as("%s: path argument", context).isEqualTo(p);
        assertThat(p.startsWith(stateDirectory) || p.toString().equals("/dev/null"))
            .as("%s: path %s escapes the state directory", context, p).isTrue();
      }
    }
  }

  /** Asserts the same number of lines per file as another rendering. */
  void assertSameShape(RenderedOutput other, String context) {
    assertThat(host.lines().count()).as(context + ": host lines")
        .isEqualTo(other.host.lines().count());
    assertThat(addnHosts.lines().count()).as(context + ": addn_hosts lines")
        .isEqualTo(other.addnHosts.lines().count());
    assertThat(opts.lines().count()).as(context + ": opts lines")
        .isEqualTo(other.opts.lines().count());
    assertThat(args.size()).as(context + ": arguments").isEqualTo(other.args.size());
  }
}
