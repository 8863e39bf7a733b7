// Wagtail's date picker replaces a value it cannot read with today's date when the field loses
// focus, so "18/03/2027" typed under another format became today, silently. Leave what was
// typed: the form reads it (resource_centre/admin_dates.py) or answers with an error.
if (window.jQuery && jQuery.fn.datetimepicker) {
  jQuery.fn.datetimepicker.defaults.validateOnBlur = false;
}
