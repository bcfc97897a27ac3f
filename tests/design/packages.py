"""Small real SCORM packages, built by the tests: a valid one for SCORM 1.2 and for SCORM 2004, and helpers to
break exactly one rule or to build a hostile zip."""

import io
import stat
import zipfile

MANIFEST_12 = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="MENTOR-RGPD" version="1.0"
    xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd
                        http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="ORG">
    <organization identifier="ORG">
      <title>Le RGPD au quotidien</title>
      <item identifier="ITEM1" identifierref="RES1"><title>Module 1</title></item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="RES1" type="webcontent" adlcp:scormtype="sco" href="index.html">
      <file href="index.html"/>
      <file href="css/style.css"/>
      <file href="js/module.js"/>
    </resource>
  </resources>
</manifest>
"""

MANIFEST_2004 = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="MENTOR-ACHAT" version="1"
    xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
    xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
    xmlns:imsss="http://www.imsglobal.org/xsd/imsss"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd
                        http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd">
  <metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>
  <organizations default="ORG">
    <organization identifier="ORG">
      <title>Les fondamentaux de l'achat public</title>
      <item identifier="ITEM1" identifierref="RES1"><title>Introduction</title></item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="RES1" type="webcontent" adlcp:scormType="sco" href="index.html">
      <file href="index.html"/>
      <file href="css/style.css"/>
      <file href="js/module.js"/>
    </resource>
  </resources>
</manifest>
"""

PAGE = """<!DOCTYPE html>
<html lang="fr" xmlns="http://www.w3.org/1999/xhtml">
<head>
  <meta charset="utf-8">
  <title>Module</title>
  <link rel="stylesheet" href="css/style.css">
  <script src="js/module.js"></script>
</head>
<body><h1>Bienvenue</h1><img src="https://mentor.gouv.fr/logo.png" alt="Mentor"></body>
</html>
"""

STYLE = "body { font-family: Marianne, sans-serif; }\n"
SCRIPT = 'var svg = "http://www.w3.org/2000/svg";\nfunction start() { return true; }\n'


def files_12() -> dict:
    return {
        "imsmanifest.xml": MANIFEST_12,
        "index.html": PAGE,
        "css/style.css": STYLE,
        "js/module.js": SCRIPT,
    }


def files_2004() -> dict:
    return {**files_12(), "imsmanifest.xml": MANIFEST_2004}


def build(files: dict, *, symlinks=(), encrypted=(), compression=zipfile.ZIP_DEFLATED) -> bytes:
    """A zip of ``files`` (name -> str or bytes); names in ``symlinks`` are stored as symbolic links, those in
    ``encrypted`` carry the "encrypted" flag."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, content in files.items():
            data = content.encode() if isinstance(content, str) else content
            info = zipfile.ZipInfo(name)
            info.compress_type = compression
            if name in symlinks:
                info.create_system = 3
                info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, data)
    data = bytearray(buffer.getvalue())
    for name in encrypted:
        _set_encrypted_flag(data, name.encode())
    return bytes(data)


def _set_encrypted_flag(data: bytearray, name: bytes) -> None:
    """Set bit 0 of the general purpose flags in the local header and the central directory entry of ``name``."""
    for signature, flag_offset, name_offset in ((b"PK\x03\x04", 6, 30), (b"PK\x01\x02", 8, 46)):
        start = 0
        while (start := data.find(signature, start)) != -1:
            length = int.from_bytes(
                data[start + name_offset - (4 if signature == b"PK\x03\x04" else 18) :][:2], "little"
            )
            if data[start + name_offset : start + name_offset + length] == name:
                data[start + flag_offset] |= 0x1
            start += 4


def valid_12() -> bytes:
    return build(files_12())


def valid_2004() -> bytes:
    return build(files_2004())
