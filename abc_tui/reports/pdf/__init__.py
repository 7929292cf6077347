"""Printed paper: account-book forms, sign-in sheets and handouts as A4 PDFs (fpdf2, Sarabun)."""
