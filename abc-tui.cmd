@echo off
rem abc-tui for Windows: double-click this file, or pin a shortcut to it.
rem It runs from its own folder with the Python in .venv (see README.md, "Windows"),
rem so the office data is always db\abc.sqlite3 beside it, whatever folder started it.
pushd "%~dp0"
if not exist ".venv\Scripts\python.exe" (
  echo abc-tui is not installed in %CD% yet: see README.md, section Windows.
  pause
  popd
  exit /b 2
)
".venv\Scripts\python.exe" -m abc_tui %*
set ABC_RC=%ERRORLEVEL%
rem Keep the window open after a failure, so the message can be read.
if not "%ABC_RC%"=="0" pause
popd
exit /b %ABC_RC%
