"""Import of participant lists from Excel (.xlsx) or CSV files (issue 6).

- ``oszlopok``: the template's columns and header matching;
- ``olvasas``: safe reading of the file (size, zip and XML bomb checks);
- ``ertekek``: cell values as people type them;
- ``feldolgozas``: matching, preview and the batched write;
- ``tarolas``: the private folder of uploaded files;
- ``sablon``: the downloadable template;
- ``services``: the flow the admin, the coordinators' screen and the command share;
- ``forms``, ``nezetek``: the upload form and what the two screens share;
- ``resource``: django-import-export's resource for the admin.
"""
