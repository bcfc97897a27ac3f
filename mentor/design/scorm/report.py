"""What the technical check of an e-learning package found: one finding per failed rule, each naming the file (and
the line, where it applies) where it failed. The same report is stored with the package, shown to the designer and
to the reviewers, and printed by ``manage.py check_package``."""

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Finding:
    rule: str  # the rule's code, see RULES
    message: str  # in French, for the designer
    file: str = ""
    line: int | None = None

    @property
    def where(self) -> str:
        if not self.file:
            return ""
        return f"{self.file}, ligne {self.line}" if self.line else self.file


# The rules of the technical requirements, in the order the report lists them.
RULES = {
    "manifest": "Manifeste imsmanifest.xml bien formé à la racine",
    "version": "Version SCORM reconnue (1.2 ou 2004)",
    "resources": "Fichier de lancement et ressources déclarées présents",
    "limits": "Taille décompressée et nombre de fichiers dans les limites",
    "file_types": "Types de fichiers autorisés, aucun contenu exécutable",
    "tls": "Aucune ressource en http:// (TLS seulement)",
    "script_domains": "Scripts chargés seulement depuis les domaines autorisés",
}


@dataclass
class Report:
    version: str = ""  # "SCORM 1.2", "SCORM 2004 4e édition"…
    launch: str = ""
    file_count: int = 0
    unpacked_bytes: int = 0
    findings: list[Finding] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.findings

    def fail(self, rule: str, message: str, file: str = "", line: int | None = None) -> None:
        self.findings.append(Finding(rule, message, file, line))

    def rules(self) -> list[tuple[str, list[Finding]]]:
        """Each rule's label with its findings (empty: the rule holds)."""
        return [(label, [f for f in self.findings if f.rule == code]) for code, label in RULES.items()]

    def as_dict(self) -> dict:
        return {**asdict(self), "passed": self.passed}

    @classmethod
    def from_dict(cls, data: dict) -> "Report":
        findings = [Finding(**f) for f in data.get("findings", [])]
        fields = {k: data[k] for k in ("version", "launch", "file_count", "unpacked_bytes") if k in data}
        return cls(**fields, findings=findings)

    def as_text(self) -> str:
        lines = [
            f"Version : {self.version or 'non reconnue'}",
            f"Fichier de lancement : {self.launch or 'non trouvé'}",
            f"{self.file_count} fichier(s), {self.unpacked_bytes} octets une fois décompressés",
        ]
        for label, findings in self.rules():
            lines.append(f"[{'ÉCHEC' if findings else 'OK'}] {label}")
            lines.extend(f"    - {f.message}" + (f" ({f.where})" if f.where else "") for f in findings)
        lines.append("Paquet conforme aux exigences techniques." if self.passed else "Paquet NON conforme.")
        return "\n".join(lines)
