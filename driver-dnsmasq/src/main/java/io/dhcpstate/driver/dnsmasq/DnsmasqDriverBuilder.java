package io.dhcpstate.driver.dnsmasq;

import io.dhcpstate.InvalidConfigurationException;
import io.dhcpstate.driver.dnsmasq.internal.DnsmasqUser;
import io.dhcpstate.internal.SettingGuard;
import io.dhcpstate.internal.Text;
import io.dhcpstate.model.IpAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Configures a {@link DnsmasqDriver}. Each setting is checked when set and may be set once;
 * {@link #build()} checks that the binaries exist and the state directory is usable. Not
 * thread-safe.
 *
 * <p>Defaults: {@code /usr/sbin/dnsmasq}, {@code /usr/bin/dhcp_release} and
 * {@code /usr/bin/dhcp_release6}; no command prefix; no forwarders; lease cap 16,777,216; no
 * extra config file ({@code --conf-file=/dev/null}); no ping before offer
 * ({@code --no-ping}); DNS served; batching window 50 ms; stop timeout 5 s; respawn on with
 * backoff from 1 s to 60 s; dnsmasq runs as {@code nobody}; directories {@code rwxr-xr-x} and
 * files {@code rw-r--r--}, so that user can read them and nobody else can write them.
 */
public final class DnsmasqDriverBuilder {
  String name = "dnsmasq";
  Path dnsmasq = Path.of("/usr/sbin/dnsmasq");
  Path dhcpRelease = Path.of("/usr/bin/dhcp_release");
  Path dhcpRelease6 = Path.of("/usr/bin/dhcp_release6");
  Path stateDirectory;
  InterfaceResolver interfaces;
  CommandPrefix prefix = CommandPrefix.NONE;
  final List<IpAddress> forwarders = new ArrayList<>();
  int leaseCap = 1 << 24;
  Optional<Path> extraConfig = Optional.empty();
  boolean pingBeforeOffer;
  boolean dns = true;
  Duration batchingWindow = Duration.ofMillis(50);
  Duration stopTimeout = Duration.ofSeconds(5);
  boolean respawn = true;
  Duration respawnMin = Duration.ofSeconds(1);
  Duration respawnMax = Duration.ofSeconds(60);
  String user = "nobody";
  boolean keepRunningOnClose;
  Set<PosixFilePermission> dirMode = PosixFilePermissions.fromString("rwxr-xr-x");
  Set<PosixFilePermission> fileMode = PosixFilePermissions.fromString("rw-r--r--");
  private final SettingGuard guard = new SettingGuard();

  DnsmasqDriverBuilder() {}

  /**
   * Sets the driver's name (default {@code dnsmasq}).
   *
   * @param driverName an identifier
   * @return this builder
   */
  public DnsmasqDriverBuilder name(String driverName) {
    guard.once("name", driverName);
    if (io.dhcpstate.internal.Checks.idProblem(driverName) != null) {
      throw new InvalidConfigurationException("name must be an identifier, was \""
          + Text.escape(driverName) + "\"");
    }
    this.name = driverName;
    return this;
  }

  /**
   * Sets the dnsmasq binary.
   *
   * @param path the executable
   * @return this builder
   */
  public DnsmasqDriverBuilder dnsmasqBinary(Path path) {
    guard.once("dnsmasqBinary", path);
    this.dnsmasq = path;
    return this;
  }

  /**
   * Sets the {@code dhcp_release} and {@code dhcp_release6} binaries.
   *
   * @param v4 the IPv4 release tool
   * @param v6 the IPv6 release tool
   * @return this builder
   */
  public DnsmasqDriverBuilder dhcpReleaseBinaries(Path v4, Path v6) {
    guard.once("dhcpReleaseBinaries", v4);
    if (v6 == null) {
      throw new InvalidConfigurationException("dhcpReleaseBinaries: the IPv6 tool must not be null");
    }
    this.dhcpRelease = v4;
    this.dhcpRelease6 = v6;
    return this;
  }

  /**
   * Sets the base state directory (required); each network gets a sub-directory named by its
   * id.
   *
   * @param directory the directory; created if missing
   * @return this builder
   */
  public DnsmasqDriverBuilder stateDirectory(Path directory) {
    guard.once("stateDirectory", directory);
    this.stateDirectory = directory.toAbsolutePath().normalize();
    return this;
  }

  /**
   * Sets how to find each network's interface (required).
   *
   * @param resolver the resolver
   * @return this builder
   */
  public DnsmasqDriverBuilder interfaces(InterfaceResolver resolver) {
    guard.once("interfaces", resolver);
    this.interfaces = resolver;
    return this;
  }

  /**
   * Sets words to put before each network's commands, such as {@code ip netns exec NAME}.
   *
   * @param commandPrefix the prefix
   * @return this builder
   */
  public DnsmasqDriverBuilder commandPrefix(CommandPrefix commandPrefix) {
    guard.once("commandPrefix", commandPrefix);
    this.prefix = commandPrefix;
    return this;
  }

  /**
   * Sets upstream DNS servers ({@code --server}); default none.
   *
   * @param servers IP addresses
   * @return this builder
   */
  public DnsmasqDriverBuilder forwarders(List<String> servers) {
    guard.once("forwarders", servers);
    List<IpAddress> parsed = new ArrayList<>();
    for (int i = 0; i < servers.size(); i++) {
      String s = servers.get(i);
      Optional<IpAddress> ip = s == null ? Optional.empty() : IpAddress.tryParse(s);
      if (ip.isEmpty()) {
        throw new InvalidConfigurationException("forwarders[" + i + "] is not an IP address: "
            + (s == null ? "null" : "\"" + Text.escape(s) + "\""));
      }
      parsed.add(ip.get());
    }
    forwarders.addAll(parsed);
    return this;
  }

  /**
   * Sets the most leases one dnsmasq keeps ({@code --dhcp-lease-max} is the smaller of this
   * and the network's address count); range 1..16777216.
   *
   * @param cap the cap
   * @return this builder
   */
  public DnsmasqDriverBuilder leaseCap(int cap) {
    guard.once("leaseCap", cap);
    if (cap < 1 || cap > 1 << 24) {
      throw new InvalidConfigurationException("leaseCap must be in 1..16777216, was " + cap);
    }
    this.leaseCap = cap;
    return this;
  }

  /**
   * Sets an operator configuration file passed as {@code --conf-file} (default none).
   *
   * @param file a readable file
   * @return this builder
   */
  public DnsmasqDriverBuilder extraConfigFile(Path file) {
    guard.once("extraConfigFile", file);
    this.extraConfig = Optional.of(file.toAbsolutePath().normalize());
    return this;
  }

  /**
   * Makes dnsmasq ping an address before offering it (default off: {@code --no-ping}; a ping
   * delays a new address by about 3 s).
   *
   * @param on true to ping
   * @return this builder
   */
  public DnsmasqDriverBuilder pingBeforeOffer(boolean on) {
    guard.once("pingBeforeOffer", on);
    this.pingBeforeOffer = on;
    return this;
  }

  /**
   * Sets whether dnsmasq also serves DNS for the network's hosts (default on; off adds
   * {@code --port=0}).
   *
   * @param on true to serve DNS
   * @return this builder
   */
  public DnsmasqDriverBuilder dns(boolean on) {
    guard.once("dns", on);
    this.dns = on;
    return this;
  }

  /**
   * Sets how long port changes are gathered into one write and one reload (default 50 ms).
   *
   * @param window the window; 0 to 10 s
   * @return this builder
   */
  public DnsmasqDriverBuilder batchingWindow(Duration window) {
    guard.once("batchingWindow", window);
    if (window.isNegative() || window.compareTo(Duration.ofSeconds(10)) > 0) {
      throw new InvalidConfigurationException("batchingWindow must be 0..10 s, was " + window);
    }
    this.batchingWindow = window;
    return this;
  }

  /**
   * Sets how long a stopping dnsmasq gets after SIGTERM before SIGKILL (default 5 s).
   *
   * @param timeout the timeout
   * @return this builder
   */
  public DnsmasqDriverBuilder stopTimeout(Duration timeout) {
    guard.once("stopTimeout", timeout);
    this.stopTimeout = SettingGuard.positive("stopTimeout", timeout);
    return this;
  }

  /**
   * Sets whether dead dnsmasq processes are restarted, with backoff between attempts
   * (default on, 1 s doubling to 60 s).
   *
   * @param on true to respawn
   * @param min the first delay
   * @param max the largest delay
   * @return this builder
   */
  public DnsmasqDriverBuilder respawn(boolean on, Duration min, Duration max) {
    guard.once("respawn", on);
    if (min == null || max == null) {
      throw new InvalidConfigurationException("respawn delays must not be null");
    }
    this.respawn = on;
    this.respawnMin = SettingGuard.positive("respawn min", min);
    this.respawnMax = SettingGuard.positive("respawn max", max);
    if (max.compareTo(min) < 0) {
      throw new InvalidConfigurationException("respawn max (" + max + ") must not be below min ("
          + min + ")");
    }
    return this;
  }

  /**
   * Leaves dnsmasq processes running when the driver closes, so DHCP keeps being served while
   * the host application restarts; the next driver adopts them from their pid files (default
   * off: close stops them).
   *
   * @param keep true to leave them running
   * @return this builder
   */
  public DnsmasqDriverBuilder keepRunningOnClose(boolean keep) {
    guard.once("keepRunningOnClose", keep);
    this.keepRunningOnClose = keep;
    return this;
  }

  /**
   * Sets the user dnsmasq runs as ({@code --user}; default {@code nobody}).
   *
   * @param userName a user name
   * @return this builder
   */
  public DnsmasqDriverBuilder user(String userName) {
    guard.once("user", userName);
    if (!userName.matches("[a-z_][a-z0-9_-]{0,31}")) {
      throw new InvalidConfigurationException("user must be a POSIX user name like nobody, was \""
          + Text.escape(userName) + "\"");
    }
    this.user = userName;
    return this;
  }

  /**
   * Sets the modes of the network directories and files, as {@code rwxr-xr-x} strings. The
   * files must stay readable by the dnsmasq user.
   *
   * @param directories the directory mode
   * @param files the file mode
   * @return this builder
   */
  public DnsmasqDriverBuilder modes(String directories, String files) {
    guard.once("modes", directories);
    if (files == null) {
      throw new InvalidConfigurationException("modes: the file mode must not be null");
    }
    try {
      this.dirMode = PosixFilePermissions.fromString(directories);
      this.fileMode = PosixFilePermissions.fromString(files);
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigurationException("modes must be like rwxr-xr-x, were \""
          + Text.escape(directories) + "\" and \"" + Text.escape(files) + "\"");
    }
    if (fileMode.contains(PosixFilePermission.GROUP_WRITE)
        || fileMode.contains(PosixFilePermission.OTHERS_WRITE)) {
      throw new InvalidConfigurationException("modes: the file mode must not let group or others"
          + " write, was " + files);
    }
    return this;
  }

  /**
   * Checks the settings together and builds the driver.
   *
   * @return the driver
   * @throws InvalidConfigurationException if a required setting is missing, a binary is not
   *     executable, the user does not exist or could not read the files (modes, or a directory
   *     above the state directory it cannot search), or the state directory is unusable
   */
  public DnsmasqDriver build() {
    if (stateDirectory == null) {
      throw new InvalidConfigurationException("stateDirectory is required");
    }
    if (interfaces == null) {
      throw new InvalidConfigurationException("interfaces (an InterfaceResolver) is required");
    }
    for (Path p : List.of(dnsmasq, dhcpRelease, dhcpRelease6)) {
      if (!Files.isExecutable(p)) {
        throw new InvalidConfigurationException("not an executable file: " + p
            + " (install dnsmasq-base and dnsmasq-utils)");
      }
    }
    extraConfig.ifPresent(f -> {
      if (!Files.isReadable(f)) {
        throw new InvalidConfigurationException("extraConfigFile is not readable: " + f);
      }
    });
    DnsmasqUser.check(user, dirMode, fileMode);
    try {
      Files.createDirectories(stateDirectory);
      Files.setPosixFilePermissions(stateDirectory, dirMode);
    } catch (java.io.IOException | UnsupportedOperationException e) {
      throw new InvalidConfigurationException("stateDirectory " + stateDirectory
          + " is not usable: " + e);
    }
    if (!Files.isWritable(stateDirectory)) {
      throw new InvalidConfigurationException("stateDirectory is not writable: "
          + stateDirectory);
    }
    DnsmasqUser.checkReachable(user, stateDirectory);
    return new DnsmasqDriver(this);
  }
}
