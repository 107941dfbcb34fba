"""Package data: the systemd user unit (rejoinder.service) that `rejoinder service install` installs."""
