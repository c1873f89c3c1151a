/**
 * dhcpstate's test harness: QuickTheories generators of valid and invalid model values and an
 * injection corpus, for the project's own property tests and for yours (a driver, a host
 * application's mapping from its own model, a file writer). The package also holds the test
 * doubles and the driver contract suite ({@code FakeNetworkSource}, {@code RecordingDriver},
 * {@code DriverContract}).
 *
 * <h2>Valid values: {@link io.dhcpstate.testkit.ModelGenerators}</h2>
 *
 * <ul>
 *   <li>Fields: {@code macs()} (unicast, non-zero), {@code ipv4Addresses()},
 *       {@code ipv6Addresses()}, {@code prefixes(version)}, {@code ids()} (tokens and UUIDs),
 *       {@code hostnames()}, {@code dnsDomains()}, {@code displayNames()} (non-ASCII and emoji
 *       included) and {@code deviceOwners()}.
 *   <li>Records: {@code networks()}, {@code subnets()} / {@code subnets(version)} (gateway,
 *       DNS servers, routes, pools inside the CIDR that never overlap, IPv6 modes, address
 *       mode), {@code ports(subnet)} (fixed IPs inside the subnet, host name, extra options),
 *       {@code extraDhcpOptions(version)} (every settable catalogue option and opaque codes,
 *       with iPXE conditions and a valid value for the option's type),
 *       {@code optionValues(option)} and {@code leases()}.
 *   <li>Whole networks: {@code snapshots(maxSubnets, maxPorts)} or
 *       {@code snapshots(SnapshotShape)}: a {@link io.dhcpstate.model.NetworkSnapshot} whose
 *       IPv4 and IPv6 subnets never overlap and whose ports have unique ids, MACs and IPs.
 * </ul>
 *
 * <p>Every choice is drawn from QuickTheories, so a seed ({@code -DQT_SEED=...} or
 * {@code withFixedSeed}) replays a run exactly and failures shrink to fewer subnets and ports,
 * smaller numbers and shorter strings. Uniqueness is built in rather than retried, so a
 * 1,000-port snapshot takes milliseconds.
 *
 * <h2>Invalid values: {@link io.dhcpstate.testkit.InvalidValues}</h2>
 *
 * <p>One generator per field ({@code invalidIds()}, {@code invalidHostnames()},
 * {@code invalidMacs()}, {@code invalidIpTexts()}, {@code invalidCidrs()},
 * {@code invalidMtus()}, {@code invalidOptionValues(option)} ...): known bad cases, the
 * corpus entries the field must refuse, and valid values broken in one place. The model must
 * refuse each with an {@link io.dhcpstate.InvalidResourceException} naming that field.
 *
 * <h2>Injection corpus: {@link io.dhcpstate.testkit.InjectionCorpus}</h2>
 *
 * <p>{@code ALL}, a list of strings built to break out of a configuration file (line breaks
 * including U+2028 and NEL, NUL, commas, quotes, {@code tag:}/{@code set:}, option-like,
 * path-like, non-ASCII and overlong strings, and CVE-2021-40085 look-alikes such as
 * {@code "1.2.3.4\ndhcp-option-force=66,evil"}); {@code strings()} picks them and
 * {@code injections()} also splices them into valid values. {@code kinds(s)} says what makes
 * a string dangerous, so a test can require exactly what a field must refuse: every kind for
 * an identifier, at least {@code BREAKOUT} for free text written to a file.
 *
 * <h2>Example</h2>
 *
 * <p>A property test of a user's own hosts-file writer:
 *
 * <pre>
 * class HostsFileWriterTest {
 *   &#64;Test
 *   void write_anyNetwork_oneSafeLinePerPort() {
 *     qt().withExamples(200)
 *         .forAll(ModelGenerators.snapshots(4, 50))
 *         .checkAssert(snapshot -&gt; {
 *           List&lt;String&gt; lines = new HostsFileWriter().write(snapshot).lines().toList();
 *           assertThat(lines).hasSize(snapshot.portCount());
 *           assertThat(lines).allMatch(l -&gt; l.chars()
 *               .allMatch(c -&gt; c &gt;= 0x20 &amp;&amp; c &lt; 0x7f));
 *         });
 *   }
 * }
 * </pre>
 *
 * <p>Generators are stateless and thread-safe; the values they make are immutable.
 */
package io.dhcpstate.testkit;
