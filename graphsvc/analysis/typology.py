"""The type of a client's informal network, after Wenger's support network typology.

Wenger typed older people's networks by the nearness of kin and how often
family, friends, neighbours and community are seen. An onion records no
distances, so contact frequency stands in for nearness. Reading the informal
ring (ring 1 of this onion) with the groups of :mod:`.roles`:

- *in touch*: a close contact (:mod:`.contacts`: at least monthly, not distant);
- *local kin*: kin other than the partner, in touch at least weekly (often
  enough to suggest they live close by);
- *local ties*: neighbours in touch; *wider ties*: friends, community and
  others in touch.

The first rule that holds gives the type:

0. nobody in the informal ring at all: **no informal network**;
1. nobody but the partner is in touch: **private restricted**;
2. local kin and two or more local or wider ties: **locally integrated**;
3. local kin: **family-dependent**;
4. local ties, at least as many as wider ties: **local self-contained**;
5. wider ties: **wider-community-focused**;
6. otherwise (kin in touch, none of them near, nobody else): **private restricted**.

The edges, against Wenger's definitions:

- *nobody*: Wenger typed the networks people have. An onion with nobody in
  its informal ring has no network to type, and cannot tell a client who has
  nobody from one whose people were never recorded; it is kept apart
  (rule 0) so that it neither reads nor counts as a private restricted
  network. A client whose informal members are all out of touch is private
  restricted: that is Wenger's isolated older person.
- *partner only*: private restricted; Wenger's type is the absence of local
  kin other than a spouse, and it includes independent couples.
- *far family*: kin in touch, none of them near, and no neighbours, friends
  or community is private restricted (rule 6), not family-dependent: Wenger's
  family-dependent network rests on local family, and the absence of local kin
  with few local friends and little community contact is what she calls
  private restricted; distant kin together with friends or community is
  wider-community-focused (rule 5).
"""

from __future__ import annotations

from enum import StrEnum

from graphsvc.domain import Frequency, Onion, Ring

from .contacts import at_least, is_close_contact
from .roles import RelationshipGroup, relationship_group
from .thresholds import DEFAULT_THRESHOLDS, Thresholds


class NetworkType(StrEnum):
    FAMILY_DEPENDENT = "family-dependent"
    LOCALLY_INTEGRATED = "locally-integrated"
    LOCAL_SELF_CONTAINED = "local-self-contained"
    WIDER_COMMUNITY_FOCUSED = "wider-community-focused"
    PRIVATE_RESTRICTED = "private-restricted"
    NO_INFORMAL_NETWORK = "no-informal-network"


LOCAL_KIN_CONTACT = Frequency.WEEKLY
_WIDER = frozenset((RelationshipGroup.FRIEND, RelationshipGroup.COMMUNITY, RelationshipGroup.OTHER))


def network_type(onion: Onion, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> NetworkType:
    if not any(m.ring is Ring.INFORMAL for m in onion.members):
        return NetworkType.NO_INFORMAL_NETWORK
    in_touch = 0
    local_kin = local = wider = 0
    for m in onion.members:
        if m.ring is not Ring.INFORMAL or not is_close_contact(m, thresholds):
            continue
        group = relationship_group(m)
        if group is RelationshipGroup.PARTNER:
            continue
        in_touch += 1
        if group is RelationshipGroup.KIN:
            local_kin += at_least(m.in_touch, LOCAL_KIN_CONTACT)
        elif group is RelationshipGroup.NEIGHBOUR:
            local += 1
        elif group in _WIDER:
            wider += 1
    if in_touch == 0:
        return NetworkType.PRIVATE_RESTRICTED
    if local_kin:
        if local + wider >= 2:
            return NetworkType.LOCALLY_INTEGRATED
        return NetworkType.FAMILY_DEPENDENT
    if local and local >= wider:
        return NetworkType.LOCAL_SELF_CONTAINED
    if wider:
        return NetworkType.WIDER_COMMUNITY_FOCUSED
    return NetworkType.PRIVATE_RESTRICTED
