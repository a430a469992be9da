import { Avatar } from "@mui/material";
import AppsIcon from "@mui/icons-material/Apps";

/** A template's icon, or its initial on a colour of its own when it has none. */
export function TemplateIcon({
  name,
  iconUrl,
  size = 40,
}: {
  name?: string;
  iconUrl?: string;
  size?: number;
}) {
  const label = name ?? "app";
  const hue = [...label].reduce((sum, ch) => sum + ch.charCodeAt(0), 0) % 360;
  if (iconUrl) {
    return <Avatar variant="rounded" src={iconUrl} alt="" sx={{ width: size, height: size }} />;
  }
  return (
    <Avatar
      variant="rounded"
      aria-hidden
      sx={{ width: size, height: size, bgcolor: `hsl(${hue} 55% 45%)`, fontWeight: 600 }}
    >
      {label ? label.charAt(0).toUpperCase() : <AppsIcon />}
    </Avatar>
  );
}
