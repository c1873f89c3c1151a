package io.dhcpstate.agent;

import io.dhcpstate.internal.Checks;
import io.dhcpstate.model.Network;
import io.dhcpstate.model.Port;
import io.dhcpstate.model.Subnet;
import java.util.Objects;

/**
 * A change the host application reports: a network, subnet or port created, updated or
 * deleted, with the resource's revision. Creates and updates carry the whole validated record;
 * deletes carry ids. Priorities follow Neutron's DHCP agent: lower runs first.
 */
public sealed interface ResourceEvent {

  /**
   * Returns the network the event belongs to.
   *
   * @return the network id
   */
  String networkId();

  /**
   * Returns the id of the resource the event is about.
   *
   * @return the network, subnet or port id
   */
  String resourceId();

  /**
   * Returns the resource's revision after the change.
   *
   * @return the revision
   */
  long revision();

  /**
   * Returns the event's priority; lower runs first (network create 0 … port update 6).
   *
   * @return the priority, 0 to 6
   */
  int priority();

  /**
   * A network was created.
   *
   * @param network the network
   */
  record NetworkCreated(Network network) implements ResourceEvent {
    /** Checks the network is present. */
    public NetworkCreated {
      Objects.requireNonNull(network, "network");
    }

    @Override public String networkId() {
      return network.id();
    }

    @Override public String resourceId() {
      return network.id();
    }

    @Override public long revision() {
      return network.revision();
    }

    @Override public int priority() {
      return 0;
    }
  }

  /**
   * A network was updated.
   *
   * @param network the network after the change
   */
  record NetworkUpdated(Network network) implements ResourceEvent {
    /** Checks the network is present. */
    public NetworkUpdated {
      Objects.requireNonNull(network, "network");
    }

    @Override public String networkId() {
      return network.id();
    }

    @Override public String resourceId() {
      return network.id();
    }

    @Override public long revision() {
      return network.revision();
    }

    @Override public int priority() {
      return 1;
    }
  }

  /**
   * A network was deleted.
   *
   * @param networkId the network id
   * @param revision the network's last revision
   */
  record NetworkDeleted(String networkId, long revision) implements ResourceEvent {
    /** Validates the id and revision. */
    public NetworkDeleted {
      Checks.id("event", networkId, "networkId", networkId);
      Checks.range("event", networkId, "revision", revision, 0, Long.MAX_VALUE);
    }

    @Override public String resourceId() {
      return networkId;
    }

    @Override public int priority() {
      return 2;
    }
  }

  /**
   * A subnet was created.
   *
   * @param subnet the subnet
   */
  record SubnetCreated(Subnet subnet) implements ResourceEvent {
    /** Checks the subnet is present. */
    public SubnetCreated {
      Objects.requireNonNull(subnet, "subnet");
    }

    @Override public String networkId() {
      return subnet.networkId();
    }

    @Override public String resourceId() {
      return subnet.id();
    }

    @Override public long revision() {
      return subnet.revision();
    }

    @Override public int priority() {
      return 3;
    }
  }

  /**
   * A subnet was updated.
   *
   * @param subnet the subnet after the change
   */
  record SubnetUpdated(Subnet subnet) implements ResourceEvent {
    /** Checks the subnet is present. */
    public SubnetUpdated {
      Objects.requireNonNull(subnet, "subnet");
    }

    @Override public String networkId() {
      return subnet.networkId();
    }

    @Override public String resourceId() {
      return subnet.id();
    }

    @Override public long revision() {
      return subnet.revision();
    }

    @Override public int priority() {
      return 3;
    }
  }

  /**
   * A subnet was deleted.
   *
   * @param networkId the network it belonged to
   * @param subnetId the subnet id
   * @param revision the subnet's last revision
   */
  record SubnetDeleted(String networkId, String subnetId, long revision) implements ResourceEvent {
    /** Validates the ids and revision. */
    public SubnetDeleted {
      Checks.id("event", subnetId, "networkId", networkId);
      Checks.id("event", subnetId, "subnetId", subnetId);
      Checks.range("event", subnetId, "revision", revision, 0, Long.MAX_VALUE);
    }

    @Override public String resourceId() {
      return subnetId;
    }

    @Override public int priority() {
      return 4;
    }
  }

  /**
   * A port was created.
   *
   * @param port the port
   * @param highPriority true for ports a booting machine waits on (priority 5, else 6)
   */
  record PortCreated(Port port, boolean highPriority) implements ResourceEvent {
    /** Checks the port is present. */
    public PortCreated {
      Objects.requireNonNull(port, "port");
    }

    /**
     * Creates a normal-priority port creation.
     *
     * @param port the port
     */
    public PortCreated(Port port) {
      this(port, false);
    }

    @Override public String networkId() {
      return port.networkId();
    }

    @Override public String resourceId() {
      return port.id();
    }

    @Override public long revision() {
      return port.revision();
    }

    @Override public int priority() {
      return highPriority ? 5 : 6;
    }
  }

  /**
   * A port was updated.
   *
   * @param port the port after the change
   */
  record PortUpdated(Port port) implements ResourceEvent {
    /** Checks the port is present. */
    public PortUpdated {
      Objects.requireNonNull(port, "port");
    }

    @Override public String networkId() {
      return port.networkId();
    }

    @Override public String resourceId() {
      return port.id();
    }

    @Override public long revision() {
      return port.revision();
    }

    @Override public int priority() {
      return 6;
    }
  }

  /**
   * A port was deleted.
   *
   * @param networkId the network it belonged to
   * @param portId the port id
   * @param revision the port's last revision
   */
  record PortDeleted(String networkId, String portId, long revision) implements ResourceEvent {
    /** Validates the ids and revision. */
    public PortDeleted {
      Checks.id("event", portId, "networkId", networkId);
      Checks.id("event", portId, "portId", portId);
      Checks.range("event", portId, "revision", revision, 0, Long.MAX_VALUE);
    }

    @Override public String resourceId() {
      return portId;
    }

    @Override public int priority() {
      return 6;
    }
  }
}
