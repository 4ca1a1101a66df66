"""Readers of each document format (text, Word, PDF, scans, legacy Word) into text with reading notes."""
