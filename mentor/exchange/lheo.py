"""What the LHEO export and import share: the namespaces of the versions read and written, and the codes of the
standard that Mentor's values map to.

LHEO (« Langage harmonisé d'échange d'informations sur l'offre de formation ») is the exchange format of the
Carif-Oref network and of the national services. Mentor writes 2.3 and reads 2.3 and 2.2, whose elements used here
are the same. What LHEO has no element for goes in ``<extras info="mentor">``, one ``<extra info="…">`` per value,
so that a Mentor export imported again loses nothing."""

from mentor.offer.enums import Modality

NS_23 = "http://lheo.gouv.fr/2.3"
NS_22 = "http://www.lheo.org/2.2"
READABLE_NAMESPACES = (NS_23, NS_22)

# Our extras, and the names of their values.
EXTRAS_INFO = "mentor"

# modalites-enseignement: 0 entirely on site, 1 blended, 2 entirely remote.
TEACHING_CODE = {
    Modality.CLASSROOM: "0",
    Modality.BLENDED: "1",
    Modality.E_LEARNING: "2",
    Modality.VIRTUAL_CLASS: "2",
}
MODALITY_OF_CODE = {"0": Modality.CLASSROOM, "1": Modality.BLENDED, "2": Modality.E_LEARNING}

# code-public-vise takes a 5-character FORMACODE code. Mentor's public is the State's agents; the thesaurus file the
# product ships (core/data/formacode.csv) holds the domain descriptors only, among which FONCTION PUBLIQUE.
PUBLIC_CODE = "13041"
# code-niveau-entree 0: "information non communiquée".
ENTRY_LEVEL_UNKNOWN = "0"
# periode of a permanent session: LHEO's unknown start and open end.
PERMANENT_START, PERMANENT_END = "00000000", "99999999"
# LHEO requires some texts that Mentor may leave empty; "-" is the network's usage for "nothing to say".
NOTHING = "-"
