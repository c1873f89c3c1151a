package io.dhcpstate.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.dhcpstate.model.IpVersion;
import io.dhcpstate.options.DhcpOption;
import io.dhcpstate.options.DhcpOptionCatalogue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Property (c): the injection corpus, as it is and spliced into valid values, is refused by
 * every field that could reach a configuration file, naming the field, and a refused value
 * never appears raw in the message.
 */
class InjectionCorpusPropertiesTest {
  private static final int EXAMPLES = 300;

  /**
   * One settable option per IP version, value type and free-text-ness (a client id is free
   * text), plus opaque codes: every way a value is checked, without testing all 100 options.
   */
  private static final List<DhcpOption> OPTIONS = representatives();

  private static List<DhcpOption> representatives() {
    Map<List<Object>, DhcpOption> byKind = new LinkedHashMap<>();
    for (IpVersion v : IpVersion.values()) {
      for (DhcpOption o : Options.settableOptions(v)) {
        byKind.putIfAbsent(List.of(v, o.type(), Kinds.isFreeText(o)), o);
      }
    }
    List<DhcpOption> out = new ArrayList<>(byKind.values());
    out.add(DhcpOptionCatalogue.get("224", IpVersion.V4));
    out.add(DhcpOptionCatalogue.get("60000", IpVersion.V6));
    return List.copyOf(out);
  }

  private static List<FieldSink> textSinks() {
    List<FieldSink> all = new ArrayList<>(FieldSink.ids());
    all.addAll(FieldSink.hostnames());
    all.add(FieldSink.dnsDomain());
    all.add(FieldSink.deviceOwner());
    all.add(FieldSink.clientId());
    all.add(FieldSink.displayName());
    return all;
  }

  private static List<FieldSink> parserSinks() {
    List<FieldSink> all = new ArrayList<>(FieldSink.macTexts());
    all.addAll(FieldSink.ipTexts());
    all.addAll(FieldSink.cidrTexts());
    return all;
  }

  private static List<FieldSink> optionSinks(List<DhcpOption> options) {
    List<FieldSink> all = new ArrayList<>();
    all.add(FieldSink.optionName(IpVersion.V4));
    all.add(FieldSink.optionName(IpVersion.V6));
    for (DhcpOption o : options) {
      all.add(FieldSink.optionValue(o));
    }
    return all;
  }

  /** Runs the injections against the sinks; asserts some examples had to be refused. */
  private static void injectionsRefused(List<FieldSink> sinks) {
    AtomicInteger checked = new AtomicInteger();
    qt().withExamples(EXAMPLES).forAll(InjectionCorpus.injections()).checkAssert(s -> {
      for (FieldSink sink : sinks) {
        if (sink.mustRefuse().test(s)) {
          checked.incrementAndGet();
          sink.assertRefuses(s);
        }
      }
    });
    assertThat(checked.get()).as("refusals checked").isGreaterThan(EXAMPLES / 2);
  }

  @Test
  void injections_idHostnameDomainOwnerClientIdFields_refused() {
    injectionsRefused(textSinks());
  }

  @Test
  void injections_macIpAndCidrParsers_refused() {
    injectionsRefused(parserSinks());
  }

  @Test
  void injections_optionNamesAndValuesOfEveryType_refusedValueHidden() {
    injectionsRefused(optionSinks(OPTIONS));
  }

  @Test
  void corpus_everyEntryInEverySinkAndOptionType_refused() {
    List<FieldSink> sinks = new ArrayList<>(textSinks());
    sinks.addAll(parserSinks());
    sinks.addAll(optionSinks(OPTIONS));
    List<String> failures = new ArrayList<>();
    int checked = 0;
    for (FieldSink sink : sinks) {
      for (String entry : InjectionCorpus.ALL) {
        if (!sink.mustRefuse().test(entry)) {
          continue;
        }
        checked++;
        try {
          sink.assertRefuses(entry);
        } catch (AssertionError e) {
          failures.add(e.getMessage().lines().findFirst().orElse(""));
        }
      }
    }
    assertThat(failures).as("%d of %d refusals failed", failures.size(), checked).isEmpty();
    assertThat(checked).isGreaterThan(sinks.size() * 20);
  }

  @Test
  void cveStrings_everySettableOptionValue_refused() {
    List<DhcpOption> options = new ArrayList<>(Options.settableOptions(IpVersion.V4));
    options.addAll(Options.settableOptions(IpVersion.V6));
    for (DhcpOption o : options) {
      FieldSink sink = FieldSink.optionValue(o);
      for (String cve : InjectionCorpus.CVE_2021_40085) {
        assertThat(sink.mustRefuse().test(cve)).as("%s must refuse %s", o,
            InjectionCorpus.escape(cve)).isTrue();
        sink.assertRefuses(cve);
      }
    }
  }
}
