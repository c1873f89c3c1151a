package io.dhcpstate.driver.dnsmasq.internal;

import io.dhcpstate.InvalidConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The user dnsmasq drops to after it starts as root ({@code --user}): it must exist, and reach
 * and read the network files, or dnsmasq logs "Permission denied" and serves without its host
 * file. dnsmasq also drops to its own group ({@code dip} where it exists), so the group bits of
 * files the host application creates do not help: others must be able to search and read,
 * unless dnsmasq runs as root or as the host application's own user (the files' owner).
 * Stateless.
 */
public final class DnsmasqUser {
  private DnsmasqUser() {}

  /**
   * Checks that the user exists and that the modes let it search directories and read files.
   *
   * @param user the user name
   * @param dirMode the mode of the network directories
   * @param fileMode the mode of the files
   * @throws InvalidConfigurationException if not
   */
  public static void check(String user, Set<PosixFilePermission> dirMode,
      Set<PosixFilePermission> fileMode) {
    try {
      FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(user);
    } catch (IOException | UnsupportedOperationException e) {
      throw new InvalidConfigurationException("user " + user + " does not exist");
    }
    if (user.equals("root") || user.equals(System.getProperty("user.name"))) {
      return;
    }
    if (!dirMode.contains(PosixFilePermission.OTHERS_EXECUTE)) {
      throw new InvalidConfigurationException("modes: directories must be searchable by user "
          + user + " (others x), were " + PosixFilePermissions.toString(dirMode));
    }
    if (!fileMode.contains(PosixFilePermission.OTHERS_READ)) {
      throw new InvalidConfigurationException("modes: files must be readable by user " + user
          + " (others r), were " + PosixFilePermissions.toString(fileMode));
    }
  }

  /**
   * Checks that every directory above the state directory is searchable by the user.
   *
   * @param user the user name
   * @param stateDirectory the absolute state directory
   * @throws InvalidConfigurationException if one is not
   */
  public static void checkReachable(String user, Path stateDirectory) {
    if (user.equals("root")) {
      return;
    }
    for (Path p = stateDirectory.getParent(); p != null; p = p.getParent()) {
      Set<PosixFilePermission> perms;
      boolean owner;
      try {
        perms = Files.getPosixFilePermissions(p);
        owner = user.equals(Files.getOwner(p).getName());
      } catch (IOException | UnsupportedOperationException e) {
        throw new InvalidConfigurationException("cannot check " + p + ": " + e);
      }
      if (!perms.contains(PosixFilePermission.OTHERS_EXECUTE)
          && !(owner && perms.contains(PosixFilePermission.OWNER_EXECUTE))) {
        throw new InvalidConfigurationException("stateDirectory " + stateDirectory
            + " is not reachable by user " + user + ": " + p + " is "
            + PosixFilePermissions.toString(perms));
      }
    }
  }
}
