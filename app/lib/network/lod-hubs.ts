// Level of detail, hubs: which partnerships the view draws as hub nodes "p:<uuid>" within the node budget
// (large partnerships first), the shared edges left to the others, and the hubs with their membership
// edges "m:<partnership>|<node>". Pure.
import { memberRoles, type MemberRole } from "../enums";
import type { NodesOfView, SharedOrgEdge } from "./lod-edges";
import { hubPoint, type Point } from "./lod-positions";
import {
  isLargePartnership,
  isMemberOn,
  strongerChange,
  type SelectedNetwork,
  type SelectedPartnership,
} from "./select";
import {
  DASHED_POWER_IMBALANCE_FROM,
  type ChangeKind,
  type NodeId,
  type ViewEdge,
  type ViewNode,
} from "./types";

/**
 * The partnerships drawn as hubs, and the large ones left out for lack of room. Candidates: every large
 * partnership whose members fall in at least two nodes (always, `hubs` or not); with `hubs`, also every
 * small partnership (when clustered, only those with a member shown as an organisation node). The room
 * left (max - organisation nodes) goes to large partnerships first, then by visible members (most
 * first), then selection order.
 */
export function chooseHubs(
  selected: SelectedNetwork,
  nodeOf: Map<string, NodeId>,
  options: { clustered: boolean; hubs: boolean; max: number },
): { hubbed: Set<string>; hubsLeftOut: string[] } {
  const { clustered } = options;
  let orgNodeCount = 0;
  for (const org of selected.organisations) if (nodeOf.get(org.id) === org.id) orgNodeCount++;
  const candidates: { sp: SelectedPartnership; large: boolean; order: number }[] = [];
  selected.partnerships.forEach((sp, order) => {
    const large = isLargePartnership(sp);
    if (!large && !options.hubs) return;
    if (large) {
      const first = nodeOf.get(sp.memberIds[0] as string);
      if (sp.memberIds.some((id) => nodeOf.get(id) !== first)) candidates.push({ sp, large, order });
    } else if (!clustered || sp.memberIds.some((id) => nodeOf.get(id) === id)) {
      candidates.push({ sp, large, order });
    }
  });
  candidates.sort(
    (a, b) =>
      Number(b.large) - Number(a.large) || b.sp.memberIds.length - a.sp.memberIds.length || a.order - b.order,
  );
  const room = Math.max(0, options.max - orgNodeCount);
  const hubbed = new Set<string>();
  const hubsLeftOut: string[] = [];
  for (const candidate of candidates) {
    if (hubbed.size < room) hubbed.add(candidate.sp.partnership.id);
    else if (candidate.large) hubsLeftOut.push(candidate.sp.partnership.id);
  }
  return { hubbed, hubsLeftOut };
}

/**
 * A shared edge's partnerships that are not drawn as hubs, with its figures (minTrust, dashed, change)
 * recomputed from them; the edge itself when none is a hub, null when all are.
 */
export function withoutHubs(
  selected: SelectedNetwork,
  hubbed: Set<string>,
): (edge: SharedOrgEdge) => SharedOrgEdge | null {
  const byPartnership = new Map(selected.partnerships.map((sp) => [sp.partnership.id, sp]));
  return (edge) => {
    if (hubbed.size === 0) return edge;
    const ids = edge.partnershipIds.filter((id) => !hubbed.has(id));
    if (ids.length === edge.partnershipIds.length) return edge;
    if (ids.length === 0) return null;
    let minTrust: number | null = null;
    let dashed = false;
    let change: ChangeKind | null = null;
    for (const id of ids) {
      const sp = byPartnership.get(id);
      if (!sp) continue;
      const trust = sp.partnership.trustIndex;
      if (trust !== null && (minTrust === null || trust < minTrust)) minTrust = trust;
      dashed ||= sp.partnership.powerImbalanceExposure >= DASHED_POWER_IMBALANCE_FROM;
      change = strongerChange(change, sp.change);
    }
    return { ...edge, partnershipIds: ids, minTrust, dashed, change };
  };
}

/**
 * Appends each hubbed partnership (in selection order) to `nodes` as a hub node "p:<uuid>", and to
 * `edges` one membership edge per node its visible members fall in (members in one cluster merged,
 * keeping the strongest role: lead, partner, funder, observer; "partner" when the member has no entry
 * on the selection's date). Hub position: `positions["p:<uuid>"]`, else its members' nodes' centroid.
 * Highlighted: the hub of `litPartnership` and its membership edges.
 */
export function appendHubs(
  selected: SelectedNetwork,
  hubbed: Set<string>,
  view: NodesOfView & { positions: Record<string, Point>; litPartnership: string | null },
  edges: ViewEdge[],
): void {
  const { nodes, nodeIndex, nodeOf, positions, litPartnership } = view;
  const roleRank = (role: MemberRole) => memberRoles.indexOf(role);
  for (const { partnership, memberIds, change } of selected.partnerships) {
    if (!hubbed.has(partnership.id)) continue;
    const visible = new Set(memberIds);
    const roles = new Map<string, MemberRole>();
    for (const member of partnership.members) {
      const id = member.organisationId;
      if (visible.has(id) && !roles.has(id) && isMemberOn(member, selected.date)) roles.set(id, member.role);
    }
    const hubId = `p:${partnership.id}`;
    const lit = partnership.id === litPartnership;
    const memberships = new Map<NodeId, MemberRole>();
    for (const id of memberIds) {
      const nodeId = nodeOf.get(id);
      if (nodeId === undefined) continue;
      const role = roles.get(id) ?? "partner";
      const previous = memberships.get(nodeId);
      if (previous === undefined || roleRank(role) < roleRank(previous)) memberships.set(nodeId, role);
    }
    // Members' nodes are organisations and clusters, all in `nodes` before the first hub.
    const point =
      positions[hubId] ??
      hubPoint([...memberships.keys()].map((nodeId) => nodes[nodeIndex.get(nodeId) as number] as ViewNode));
    nodes.push({
      kind: "partnership",
      id: hubId,
      partnershipId: partnership.id,
      label: partnership.name,
      status: partnership.status,
      trustIndex: partnership.trustIndex,
      change,
      x: point.x,
      y: point.y,
      highlighted: lit,
    });
    for (const [nodeId, role] of memberships) {
      edges.push({
        kind: "membership",
        id: `m:${partnership.id}|${nodeId}`,
        source: nodeId,
        target: hubId,
        role,
        highlighted: lit,
      });
    }
  }
}
